package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * The opt-in header frame: message headers carried between applications as one frame right
 * before the payload, {@code [envelope...][topic?][header frame][payload]}. Sockets only send and
 * read it when {@link ZmqHeaderSettings#enabled()}, so plain ZeroMQ peers see exactly the frames
 * they would see without it.
 * <p>
 * The format is small and language-neutral, so a peer in any language can read and write it:
 * <pre>
 * magic    5 bytes  'Z' 'M' 'Q' 'H' 0x01 (version 1)
 * count    1 byte   number of headers, at most 64
 * then per header:
 *   name   1 byte length (1 to 255), then that many bytes of UTF-8
 *   value  2 bytes length (big-endian), then that many bytes of UTF-8
 * </pre>
 * A whole frame is at most {@value #MAX_FRAME_BYTES} bytes. Decoding checks every length against
 * the bytes actually there before it reads them, so a hostile frame costs no more than its size.
 *
 * @author zmq-spring-boot
 */
public final class ZmqHeaderFrame {

	/** Largest number of headers in one frame. */
	public static final int MAX_HEADERS = 64;

	/** Largest header name, in bytes of UTF-8. */
	public static final int MAX_NAME_BYTES = 255;

	/** Largest frame, in bytes. */
	public static final int MAX_FRAME_BYTES = 16 * 1024;

	private static final byte[] MAGIC = { 'Z', 'M', 'Q', 'H', 1 };

	private static final int HEADER_BYTES = MAGIC.length + 1;

	private ZmqHeaderFrame() {
	}

	/**
	 * Return whether a frame is a header frame: whether it starts with the magic bytes.
	 * @param frame the frame
	 * @return whether the frame is a header frame
	 */
	public static boolean isHeaderFrame(byte[] frame) {
		return frame.length >= HEADER_BYTES && Arrays.equals(frame, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
	}

	/**
	 * Encode headers as a header frame.
	 * @param headers the headers, in the order to write them
	 * @return the frame
	 * @throws IllegalArgumentException if the headers are over the limits: more than
	 * {@value #MAX_HEADERS}, an empty name or one over {@value #MAX_NAME_BYTES} bytes, or a frame
	 * over {@value #MAX_FRAME_BYTES} bytes
	 */
	public static byte[] encode(Map<String, String> headers) {
		Assert.notNull(headers, "'headers' must not be null");
		Assert.isTrue(headers.size() <= MAX_HEADERS,
				() -> "A header frame takes at most " + MAX_HEADERS + " headers, not " + headers.size());
		byte[][] names = new byte[headers.size()][];
		byte[][] values = new byte[headers.size()][];
		int size = HEADER_BYTES;
		int i = 0;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
			byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
			Assert.isTrue(name.length > 0 && name.length <= MAX_NAME_BYTES, () -> "Header name '" + header.getKey()
					+ "' must be 1 to " + MAX_NAME_BYTES + " bytes long in UTF-8");
			size += 1 + name.length + 2 + value.length;
			Assert.isTrue(size <= MAX_FRAME_BYTES, () -> "Headers take more than the " + MAX_FRAME_BYTES
					+ " bytes of a header frame (at header '" + header.getKey() + "')");
			names[i] = name;
			values[i] = value;
			i++;
		}
		byte[] frame = new byte[size];
		System.arraycopy(MAGIC, 0, frame, 0, MAGIC.length);
		frame[MAGIC.length] = (byte) headers.size();
		int at = HEADER_BYTES;
		for (int h = 0; h < names.length; h++) {
			frame[at++] = (byte) names[h].length;
			System.arraycopy(names[h], 0, frame, at, names[h].length);
			at += names[h].length;
			frame[at++] = (byte) (values[h].length >>> 8);
			frame[at++] = (byte) values[h].length;
			System.arraycopy(values[h], 0, frame, at, values[h].length);
			at += values[h].length;
		}
		return frame;
	}

	/**
	 * Decode a header frame.
	 * @param frame the frame, as received
	 * @return the headers in the order they were written; a name that occurs twice keeps its last
	 * value
	 * @throws ZmqHeaderFrameException if the frame is not a well-formed header frame within the
	 * limits
	 */
	public static Map<String, String> decode(byte[] frame) {
		if (!isHeaderFrame(frame)) {
			throw new ZmqHeaderFrameException("not a header frame (no magic bytes)");
		}
		if (frame.length > MAX_FRAME_BYTES) {
			throw new ZmqHeaderFrameException("header frame of " + frame.length + " bytes, over the limit of "
					+ MAX_FRAME_BYTES);
		}
		int count = frame[MAGIC.length] & 0xFF;
		if (count > MAX_HEADERS) {
			throw new ZmqHeaderFrameException(count + " headers, over the limit of " + MAX_HEADERS);
		}
		Map<String, String> headers = new LinkedHashMap<>(count * 2);
		int at = HEADER_BYTES;
		for (int h = 0; h < count; h++) {
			int nameLength = (at < frame.length) ? frame[at++] & 0xFF : -1;
			if (nameLength <= 0 || at + nameLength + 2 > frame.length) {
				throw new ZmqHeaderFrameException("header " + (h + 1) + " of " + count + " is truncated or has no name");
			}
			String name = new String(frame, at, nameLength, StandardCharsets.UTF_8);
			at += nameLength;
			int valueLength = ((frame[at] & 0xFF) << 8) | (frame[at + 1] & 0xFF);
			at += 2;
			if (at + valueLength > frame.length) {
				throw new ZmqHeaderFrameException("the value of header " + (h + 1) + " of " + count + " is truncated");
			}
			headers.put(name, new String(frame, at, valueLength, StandardCharsets.UTF_8));
			at += valueLength;
		}
		if (at != frame.length) {
			throw new ZmqHeaderFrameException((frame.length - at) + " bytes after the last header");
		}
		return headers;
	}

}

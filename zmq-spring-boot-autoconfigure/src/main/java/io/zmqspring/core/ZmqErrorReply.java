package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The error reply a replying listener sends when its handler fails, so that the requester is
 * never left waiting and a REQ peer never wedges.
 * <p>
 * On the wire it is <em>one</em> frame after the envelope (a REP peer sees just that frame): the
 * UTF-8 text {@code ZMQ-SPRING-ERROR: } followed by a short reason, the failure's kind and
 * exception type, for example {@code ZMQ-SPRING-ERROR: handler: IllegalStateException}. It never
 * carries a stack trace, an exception message or the payload. Being a single frame, a plain
 * libzmq REQ client that calls {@code recv()} once reads the whole reply and can send its next
 * request. Peers in any language recognise it by the prefix; {@code ZmqTemplate} turns it into a
 * {@link ZmqRemoteException} carrying the reason.
 * <p>
 * Earlier versions sent two frames, the marker {@code ZMQ-SPRING-ERROR} and the reason;
 * {@link #reasonOf(List)} still recognises that form, so a template can talk to a server that
 * has not been upgraded yet.
 *
 * @author zmq-spring-boot
 */
public final class ZmqErrorReply {

	/** The marker an error reply starts with. */
	public static final String MARKER = "ZMQ-SPRING-ERROR";

	/** What the error reply's frame starts with: the marker, a colon and a space. */
	public static final String PREFIX = MARKER + ": ";

	private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

	private ZmqErrorReply() {
	}

	/**
	 * Return the frame of an error reply.
	 * @param reason the reason, without payload or stack trace, for example
	 * {@code handler: IllegalStateException}
	 * @return the UTF-8 bytes of {@code ZMQ-SPRING-ERROR: <reason>}
	 */
	public static byte[] frame(String reason) {
		Assert.notNull(reason, "'reason' must not be null");
		return (PREFIX + reason).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the reason carried by reply frames, if they form an error reply.
	 * @param body the reply frames after the envelope
	 * @return the reason, or {@code null} if the frames are a normal reply
	 */
	public static @Nullable String reasonOf(List<byte[]> body) {
		Assert.notNull(body, "'body' must not be null");
		if (body.size() == 1 && startsWith(body.get(0), PREFIX_BYTES)) {
			byte[] frame = body.get(0);
			return new String(frame, PREFIX_BYTES.length, frame.length - PREFIX_BYTES.length,
					StandardCharsets.UTF_8);
		}
		if (body.size() == 2 && Arrays.equals(body.get(0), MARKER_BYTES)) {
			return new String(body.get(1), StandardCharsets.UTF_8);
		}
		return null;
	}

	private static boolean startsWith(byte[] frame, byte[] prefix) {
		return frame.length >= prefix.length && Arrays.equals(frame, 0, prefix.length, prefix, 0, prefix.length);
	}

}

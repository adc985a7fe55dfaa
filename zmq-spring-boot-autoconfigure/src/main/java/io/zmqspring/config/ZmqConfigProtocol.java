package io.zmqspring.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire protocol of the configuration centre, version 1. Every message starts with a command
 * frame of ASCII text; numbers are 8 bytes, big-endian; keys and values are UTF-8 text (a key is
 * never empty).
 * <pre>
 * snapshot request  client DEALER/REQ -&gt; server ROUTER, after the requester's envelope
 *   "ZCFG1-SNAP"
 * snapshot          server -&gt; client, the reply, after the same envelope
 *   "ZCFG1-STATE" | epoch | sequence | count (4 bytes) | key 1 | value 1 | ... | key n | value n
 * update            server PUB -&gt; client SUB
 *   "ZCFG1-UPD"   | epoch | sequence | key | flags (1 byte: 0 set, 1 deleted) | value (empty when deleted)
 * heartbeat         server PUB -&gt; client SUB, every heartbeat interval
 *   "ZCFG1-HUGZ"  | epoch | sequence of the server's last update
 * </pre>
 * The epoch is a number a server draws at every start; the sequence numbers its updates from 1
 * within an epoch. A snapshot is one multipart message: its header frames say up to which update
 * it is (what the Guide's Clone pattern sends last, as its end-of-snapshot), followed by all
 * entries, so that a client never sees half a snapshot. Subscribers subscribe to
 * {@value #TOPIC}, the prefix of both published commands.
 * <p>
 * Decoding checks every frame and throws {@link ZmqConfigProtocolException} for anything else.
 *
 * @author zmq-spring-boot
 */
public final class ZmqConfigProtocol {

	/** Command of a snapshot request. */
	public static final String SNAPSHOT_REQUEST = "ZCFG1-SNAP";

	/** Command of a snapshot. */
	public static final String SNAPSHOT = "ZCFG1-STATE";

	/** Command of an update. */
	public static final String UPDATE = "ZCFG1-UPD";

	/** Command of a heartbeat. */
	public static final String HEARTBEAT = "ZCFG1-HUGZ";

	/** The subscription of a client's SUB socket: the prefix of the published commands. */
	public static final String TOPIC = "ZCFG1-";

	/** Reason of a message whose command is not one of the protocol's. */
	public static final String UNKNOWN_COMMAND = "config-unknown-command";

	/** Reason of a message of a known command whose frames are wrong. */
	public static final String MALFORMED = "config-malformed";

	private static final byte SET = 0;

	private static final byte DELETED = 1;

	private static final byte[] SNAPSHOT_REQUEST_FRAME = ascii(SNAPSHOT_REQUEST);

	private static final byte[] SNAPSHOT_FRAME = ascii(SNAPSHOT);

	private static final byte[] UPDATE_FRAME = ascii(UPDATE);

	private static final byte[] HEARTBEAT_FRAME = ascii(HEARTBEAT);

	private static final int SNAPSHOT_HEADER_FRAMES = 4;

	private ZmqConfigProtocol() {
	}

	/**
	 * Return the frames of a snapshot request.
	 * @return the frames
	 */
	public static List<byte[]> snapshotRequest() {
		return List.of(SNAPSHOT_REQUEST_FRAME.clone());
	}

	/**
	 * Check a snapshot request.
	 * @param body the frames after the envelope
	 * @throws ZmqConfigProtocolException if they are not a snapshot request
	 */
	public static void checkSnapshotRequest(List<byte[]> body) {
		if (body.isEmpty() || !Arrays.equals(body.get(0), SNAPSHOT_REQUEST_FRAME)) {
			throw new ZmqConfigProtocolException(UNKNOWN_COMMAND, "not a snapshot request (" + describe(body) + ")");
		}
		if (body.size() != 1) {
			throw new ZmqConfigProtocolException(MALFORMED,
					"a snapshot request has 1 frame, this one " + body.size());
		}
	}

	/**
	 * Encode a snapshot.
	 * @param snapshot the snapshot
	 * @return the frames
	 */
	public static List<byte[]> snapshot(ZmqConfigSnapshot snapshot) {
		List<byte[]> frames = new ArrayList<>(SNAPSHOT_HEADER_FRAMES + 2 * snapshot.properties().size());
		frames.add(SNAPSHOT_FRAME.clone());
		frames.add(number(snapshot.epoch()));
		frames.add(number(snapshot.sequence()));
		frames.add(ByteBuffer.allocate(4).putInt(snapshot.properties().size()).array());
		snapshot.properties().forEach((key, value) -> {
			frames.add(key.getBytes(StandardCharsets.UTF_8));
			frames.add(value.getBytes(StandardCharsets.UTF_8));
		});
		return frames;
	}

	/**
	 * Decode a snapshot.
	 * @param frames the frames after the envelope
	 * @return the snapshot
	 * @throws ZmqConfigProtocolException if the frames are not a valid snapshot
	 */
	public static ZmqConfigSnapshot readSnapshot(List<byte[]> frames) {
		if (frames.isEmpty() || !Arrays.equals(frames.get(0), SNAPSHOT_FRAME)) {
			throw new ZmqConfigProtocolException(UNKNOWN_COMMAND, "not a snapshot (" + describe(frames) + ")");
		}
		if (frames.size() < SNAPSHOT_HEADER_FRAMES) {
			throw new ZmqConfigProtocolException(MALFORMED,
					"a snapshot has at least " + SNAPSHOT_HEADER_FRAMES + " frames, this one " + frames.size());
		}
		long epoch = readNumber(frames.get(1), "epoch");
		long sequence = readSequence(frames.get(2));
		byte[] countFrame = frames.get(3);
		if (countFrame.length != 4) {
			throw new ZmqConfigProtocolException(MALFORMED,
					"a snapshot's count is 4 bytes, this one " + countFrame.length);
		}
		long count = Integer.toUnsignedLong(ByteBuffer.wrap(countFrame).getInt());
		if (frames.size() != SNAPSHOT_HEADER_FRAMES + 2 * count) {
			throw new ZmqConfigProtocolException(MALFORMED, "a snapshot of " + count + " entries has "
					+ (SNAPSHOT_HEADER_FRAMES + 2 * count) + " frames, this one " + frames.size());
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = SNAPSHOT_HEADER_FRAMES; i < frames.size(); i += 2) {
			String key = readKey(frames.get(i));
			if (properties.put(key, readText(frames.get(i + 1), "value")) != null) {
				throw new ZmqConfigProtocolException(MALFORMED, "a snapshot has the same key twice");
			}
		}
		return new ZmqConfigSnapshot(epoch, sequence, properties);
	}

	/**
	 * Encode an update.
	 * @param update the update
	 * @return the frames
	 */
	public static List<byte[]> update(ZmqConfigUpdate update) {
		String value = update.value();
		return List.of(UPDATE_FRAME.clone(), number(update.epoch()), number(update.sequence()),
				update.key().getBytes(StandardCharsets.UTF_8), new byte[] { (value != null) ? SET : DELETED },
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : new byte[0]);
	}

	/**
	 * Encode a heartbeat.
	 * @param heartbeat the heartbeat
	 * @return the frames
	 */
	public static List<byte[]> heartbeat(ZmqConfigHeartbeat heartbeat) {
		return List.of(HEARTBEAT_FRAME.clone(), number(heartbeat.epoch()), number(heartbeat.sequence()));
	}

	/**
	 * Decode what a server published: an update or a heartbeat.
	 * @param frames the frames as received
	 * @return the message
	 * @throws ZmqConfigProtocolException if the frames are neither
	 */
	public static ZmqConfigMessage readPublished(List<byte[]> frames) {
		byte[] command = frames.isEmpty() ? new byte[0] : frames.get(0);
		if (Arrays.equals(command, UPDATE_FRAME)) {
			requireFrames(frames, 6, "an update");
			long epoch = readNumber(frames.get(1), "epoch");
			long sequence = readSequence(frames.get(2));
			String key = readKey(frames.get(3));
			byte[] flags = frames.get(4);
			if (flags.length != 1 || (flags[0] != SET && flags[0] != DELETED)) {
				throw new ZmqConfigProtocolException(MALFORMED, "an update's flags are 1 byte, 0 or 1");
			}
			if (flags[0] == DELETED) {
				if (frames.get(5).length != 0) {
					throw new ZmqConfigProtocolException(MALFORMED, "a deleting update has an empty value frame");
				}
				return new ZmqConfigUpdate(epoch, sequence, key, null);
			}
			return new ZmqConfigUpdate(epoch, sequence, key, readText(frames.get(5), "value"));
		}
		if (Arrays.equals(command, HEARTBEAT_FRAME)) {
			requireFrames(frames, 3, "a heartbeat");
			return new ZmqConfigHeartbeat(readNumber(frames.get(1), "epoch"), readSequence(frames.get(2)));
		}
		throw new ZmqConfigProtocolException(UNKNOWN_COMMAND, "neither an update nor a heartbeat ("
				+ describe(frames) + ")");
	}

	/**
	 * Return an epoch as text for log lines.
	 * @param epoch the epoch
	 * @return 16 hexadecimal digits
	 */
	public static String formatEpoch(long epoch) {
		return String.format("%016x", epoch);
	}

	private static void requireFrames(List<byte[]> frames, int expected, String what) {
		if (frames.size() != expected) {
			throw new ZmqConfigProtocolException(MALFORMED,
					what + " has " + expected + " frames, this one " + frames.size());
		}
	}

	private static long readSequence(byte[] frame) {
		long sequence = readNumber(frame, "sequence");
		if (sequence < 0) {
			throw new ZmqConfigProtocolException(MALFORMED, "a sequence number must not be negative");
		}
		return sequence;
	}

	private static long readNumber(byte[] frame, String what) {
		if (frame.length != 8) {
			throw new ZmqConfigProtocolException(MALFORMED, "the " + what + " is 8 bytes, this one " + frame.length);
		}
		return ByteBuffer.wrap(frame).getLong();
	}

	private static String readKey(byte[] frame) {
		if (frame.length == 0) {
			throw new ZmqConfigProtocolException(MALFORMED, "a key must not be empty");
		}
		return readText(frame, "key");
	}

	private static String readText(byte[] frame, String what) {
		try {
			CharBuffer text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(frame));
			return text.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ZmqConfigProtocolException(MALFORMED, "a " + what + " is not UTF-8");
		}
	}

	private static byte[] number(long value) {
		return ByteBuffer.allocate(8).putLong(value).array();
	}

	private static byte[] ascii(String command) {
		return command.getBytes(StandardCharsets.US_ASCII);
	}

	/** Describe frames by count and first-frame size, never by contents. */
	private static String describe(List<byte[]> frames) {
		return frames.size() + " frames" + (frames.isEmpty() ? "" : ", the first of " + frames.get(0).length + " bytes");
	}

}

package io.zmqspring.outbox;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * The two frames of the outbox protocol, small enough for a peer in any language to read and
 * write. A message from an outbox is {@code [delivery frame][the message's frames...]}; the
 * receiver answers each message it handled with an ack frame.
 * <pre>
 * delivery frame (29 bytes)
 *   magic     5 bytes   'Z' 'M' 'Q' 'O' 0x01 (version 1)
 *   sender    16 bytes  the outbox's id, random, kept in its store
 *   sequence  8 bytes   big-endian, 0, 1, 2... in the order the outbox accepted the messages
 * ack frame (23 + 8 n bytes)
 *   magic     5 bytes   'Z' 'M' 'Q' 'A' 0x01
 *   sender    16 bytes  the sender of the acknowledged messages
 *   count     2 bytes   big-endian, 1 to 8192
 *   sequences count times 8 bytes, big-endian
 * </pre>
 * Decoding checks every size before it reads, so a hostile frame costs no more than its bytes.
 *
 * @author zmq-spring-boot
 */
public final class ZmqOutboxFrames {

	/** Size of a sender id, in bytes. */
	public static final int SENDER_BYTES = 16;

	/** Size of a delivery frame, in bytes. */
	public static final int DELIVERY_BYTES = 5 + SENDER_BYTES + 8;

	/** Most sequences one ack frame carries. */
	public static final int MAX_ACKS = 8192;

	private static final byte[] DELIVERY_MAGIC = { 'Z', 'M', 'Q', 'O', 1 };

	private static final byte[] ACK_MAGIC = { 'Z', 'M', 'Q', 'A', 1 };

	private static final int ACK_HEADER_BYTES = 5 + SENDER_BYTES + 2;

	private ZmqOutboxFrames() {
	}

	/**
	 * Encode a delivery frame.
	 * @param sender the sender id, {@value #SENDER_BYTES} bytes
	 * @param sequence the message's sequence
	 * @return the frame
	 */
	public static byte[] delivery(byte[] sender, long sequence) {
		Assert.isTrue(sender.length == SENDER_BYTES, "A sender id has " + SENDER_BYTES + " bytes");
		byte[] frame = new byte[DELIVERY_BYTES];
		System.arraycopy(DELIVERY_MAGIC, 0, frame, 0, 5);
		System.arraycopy(sender, 0, frame, 5, SENDER_BYTES);
		putLong(frame, 5 + SENDER_BYTES, sequence);
		return frame;
	}

	/**
	 * Whether a frame is a well-formed delivery frame.
	 * @param frame the frame
	 * @return whether it is one
	 */
	public static boolean isDelivery(byte[] frame) {
		return frame.length == DELIVERY_BYTES && Arrays.equals(frame, 0, 5, DELIVERY_MAGIC, 0, 5);
	}

	/**
	 * Return the sender id of a delivery or ack frame.
	 * @param frame the frame, checked with {@link #isDelivery} or {@link #isAck}
	 * @return a copy of the sender id
	 */
	public static byte[] sender(byte[] frame) {
		return Arrays.copyOfRange(frame, 5, 5 + SENDER_BYTES);
	}

	/**
	 * Return the sequence of a delivery frame.
	 * @param frame the frame, checked with {@link #isDelivery}
	 * @return the sequence
	 */
	public static long sequence(byte[] frame) {
		return getLong(frame, 5 + SENDER_BYTES);
	}

	/**
	 * Encode an ack frame.
	 * @param sender the sender id of the messages
	 * @param sequences their sequences, 1 to {@value #MAX_ACKS}
	 * @return the frame
	 */
	public static byte[] ack(byte[] sender, long... sequences) {
		Assert.isTrue(sender.length == SENDER_BYTES, "A sender id has " + SENDER_BYTES + " bytes");
		Assert.isTrue(sequences.length > 0 && sequences.length <= MAX_ACKS,
				"An ack frame carries 1 to " + MAX_ACKS + " sequences");
		byte[] frame = new byte[ACK_HEADER_BYTES + 8 * sequences.length];
		System.arraycopy(ACK_MAGIC, 0, frame, 0, 5);
		System.arraycopy(sender, 0, frame, 5, SENDER_BYTES);
		frame[5 + SENDER_BYTES] = (byte) (sequences.length >>> 8);
		frame[6 + SENDER_BYTES] = (byte) sequences.length;
		for (int i = 0; i < sequences.length; i++) {
			putLong(frame, ACK_HEADER_BYTES + 8 * i, sequences[i]);
		}
		return frame;
	}

	/**
	 * Whether a frame is a well-formed ack frame.
	 * @param frame the frame
	 * @return whether it is one
	 */
	public static boolean isAck(byte[] frame) {
		if (frame.length < ACK_HEADER_BYTES + 8 || !Arrays.equals(frame, 0, 5, ACK_MAGIC, 0, 5)) {
			return false;
		}
		int count = ((frame[5 + SENDER_BYTES] & 0xFF) << 8) | (frame[6 + SENDER_BYTES] & 0xFF);
		return count > 0 && count <= MAX_ACKS && frame.length == ACK_HEADER_BYTES + 8 * count;
	}

	/**
	 * Return the sequences of an ack frame.
	 * @param frame the frame, checked with {@link #isAck}
	 * @return the sequences
	 */
	public static long[] acked(byte[] frame) {
		long[] sequences = new long[(frame.length - ACK_HEADER_BYTES) / 8];
		for (int i = 0; i < sequences.length; i++) {
			sequences[i] = getLong(frame, ACK_HEADER_BYTES + 8 * i);
		}
		return sequences;
	}

	/**
	 * Whether a frame is about the given sender.
	 * @param frame a delivery or ack frame
	 * @param sender the sender id
	 * @return whether the frame names that sender
	 */
	static boolean isFrom(byte[] frame, byte[] sender) {
		return Arrays.equals(frame, 5, 5 + SENDER_BYTES, sender, 0, SENDER_BYTES);
	}

	private static void putLong(byte[] frame, int at, long value) {
		for (int i = 7; i >= 0; i--) {
			frame[at + 7 - i] = (byte) (value >>> (8 * i));
		}
	}

	private static long getLong(byte[] frame, int at) {
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (frame[at + i] & 0xFF);
		}
		return value;
	}

}

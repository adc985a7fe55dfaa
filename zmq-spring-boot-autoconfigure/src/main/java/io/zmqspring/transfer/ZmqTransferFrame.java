package io.zmqspring.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The control frame of the transfer protocol, version 1: the first frame of every transfer
 * message (after the ROUTER's routing id), followed by at most one body frame. A sender (DEALER)
 * opens a transfer, waits for credit, sends chunks while it has credit and gets a final answer;
 * the receiver (ROUTER) grants credit as it writes chunks away, so neither side ever holds more
 * than {@code credit} chunks of one transfer. All numbers are big-endian:
 * <pre>
 * offset size  field
 *  0     4     magic 'Z' 'X' 'F' and version 0x01
 *  4     1     kind: 1 OPEN, 2 CHUNK, 3 ABORT (sender to receiver);
 *                    16 GRANT, 17 DONE, 18 ERROR (receiver to sender)
 *  5     1     flags: 0x01 LAST (the transfer's last chunk), 0x02 CHECKSUM (the checksum field is set)
 *  6     2     reserved, 0
 *  8     8     transfer id, chosen by the sender, unique among its open transfers
 * 16     8     sequence: CHUNK its number, from 0; GRANT the window (chunks numbered below it
 *              may be sent); DONE the number of chunks received
 * 24     8     value: OPEN the payload's size, -1 if unknown; CHUNK the offset of its data in
 *              the payload; GRANT the largest chunk the receiver takes; DONE the bytes received
 * 32     4     CRC32C (Castagnoli) of the whole payload: CHUNK with LAST and CHECKSUM; DONE
 * </pre>
 * Body frames: OPEN the transfer's metadata in the header-frame format
 * ({@link io.zmqspring.core.ZmqHeaderFrame}; names {@code name}, {@code contentType} and the
 * sender's own), CHUNK the data (the last chunk may be empty), ERROR and ABORT a short reason in
 * UTF-8. Chunks arrive in order (ZeroMQ keeps the order of one connection): a gap, a chunk beyond
 * the window or larger than granted ends the transfer.
 *
 * @author zmq-spring-boot
 */
public final class ZmqTransferFrame {

	/** The size of a control frame in bytes. */
	public static final int SIZE = 36;

	/** The protocol version this class writes and reads. */
	public static final int VERSION = 1;

	/** Flag of a transfer's last chunk. */
	public static final int LAST = 0x01;

	/** Flag of a frame whose checksum field is set. */
	public static final int CHECKSUM = 0x02;

	private static final byte[] MAGIC = { 'Z', 'X', 'F', VERSION };

	private static final java.util.Set<String> KNOWN_REASONS = java.util.Set.of("busy", "too-large", "protocol",
			"checksum", "spool-failed", "idle-timeout", "shutdown", "unknown-transfer", "cancelled", "source-failed",
			"send-failed", "failed", "interrupted");

	/** What a control frame says. */
	public enum Kind {

		/** Sender: a new transfer, with its size and metadata. */
		OPEN(1),

		/** Sender: the next chunk of data. */
		CHUNK(2),

		/** Sender: the transfer is given up. */
		ABORT(3),

		/** Receiver: credit, the window of chunks that may be sent. */
		GRANT(16),

		/** Receiver: the whole payload arrived and its checksum matched. */
		DONE(17),

		/** Receiver: the transfer is refused or ended, with the reason in the body. */
		ERROR(18);

		private final int code;

		Kind(int code) {
			this.code = code;
		}

		static @Nullable Kind of(int code) {
			for (Kind kind : values()) {
				if (kind.code == code) {
					return kind;
				}
			}
			return null;
		}

	}

	private final Kind kind;

	private final int flags;

	private final long transferId;

	private final long sequence;

	private final long value;

	private final int checksum;

	/**
	 * Create a control frame.
	 * @param kind what it says
	 * @param flags {@link #LAST} and {@link #CHECKSUM}
	 * @param transferId the transfer
	 * @param sequence the sequence field
	 * @param value the value field
	 * @param checksum the CRC32C field
	 */
	public ZmqTransferFrame(Kind kind, int flags, long transferId, long sequence, long value, int checksum) {
		this.kind = kind;
		this.flags = flags;
		this.transferId = transferId;
		this.sequence = sequence;
		this.value = value;
		this.checksum = checksum;
	}

	/**
	 * Whether a frame starts with the protocol's magic bytes (any version).
	 * @param frame the frame
	 * @return whether it looks like a transfer control frame
	 */
	public static boolean isTransferFrame(byte[] frame) {
		return frame.length >= 3 && frame[0] == MAGIC[0] && frame[1] == MAGIC[1] && frame[2] == MAGIC[2];
	}

	/**
	 * Decode a control frame.
	 * @param frame the frame, as received
	 * @return the control frame, or {@code null} if it is not one of this version (its size,
	 * magic, version, kind or reserved bytes are wrong)
	 */
	public static @Nullable ZmqTransferFrame decode(byte[] frame) {
		if (frame.length != SIZE || !isTransferFrame(frame) || frame[3] != VERSION || frame[6] != 0
				|| frame[7] != 0) {
			return null;
		}
		Kind kind = Kind.of(frame[4] & 0xFF);
		if (kind == null) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.wrap(frame);
		return new ZmqTransferFrame(kind, frame[5] & 0xFF, buffer.getLong(8), buffer.getLong(16), buffer.getLong(24),
				buffer.getInt(32));
	}

	/**
	 * Encode this control frame.
	 * @return the {@value #SIZE} bytes
	 */
	public byte[] encode() {
		byte[] frame = new byte[SIZE];
		ByteBuffer buffer = ByteBuffer.wrap(frame);
		buffer.put(MAGIC);
		buffer.put((byte) this.kind.code);
		buffer.put((byte) this.flags);
		buffer.putShort((short) 0);
		buffer.putLong(this.transferId);
		buffer.putLong(this.sequence);
		buffer.putLong(this.value);
		buffer.putInt(this.checksum);
		return frame;
	}

	/**
	 * Return an ERROR or ABORT frame's reason, one of the fixed reasons the receiver and sender
	 * send: {@code busy}, {@code too-large}, {@code protocol}, {@code checksum},
	 * {@code spool-failed}, {@code idle-timeout}, {@code shutdown}, {@code unknown-transfer}; any
	 * other text comes from a peer that is not this starter and reads as {@code rejected}, so that
	 * a peer cannot make up metric tags.
	 * @param body the body frame, or {@code null}
	 * @return the reason
	 */
	static String reason(byte @Nullable [] body) {
		String text = (body != null) ? new String(body, 0, Math.min(body.length, 32), StandardCharsets.UTF_8) : "";
		return KNOWN_REASONS.contains(text) ? text : "rejected";
	}

	public Kind kind() {
		return this.kind;
	}

	public int flags() {
		return this.flags;
	}

	/**
	 * Whether a flag is set.
	 * @param flag {@link #LAST} or {@link #CHECKSUM}
	 * @return whether it is set
	 */
	public boolean has(int flag) {
		return (this.flags & flag) != 0;
	}

	public long transferId() {
		return this.transferId;
	}

	public long sequence() {
		return this.sequence;
	}

	public long value() {
		return this.value;
	}

	public int checksum() {
		return this.checksum;
	}

	@Override
	public String toString() {
		return this.kind + "[transfer=" + Long.toHexString(this.transferId) + ", sequence=" + this.sequence
				+ ", value=" + this.value + ", flags=" + this.flags + "]";
	}

}

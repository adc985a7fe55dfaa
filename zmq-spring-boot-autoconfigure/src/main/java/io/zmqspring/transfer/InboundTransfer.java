package io.zmqspring.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

/**
 * One transfer a receiver takes in: its spool file, how far it got and its running checksum.
 * Used by the socket's owner thread only, until it is complete and handed to a handler.
 *
 * @author zmq-spring-boot
 */
final class InboundTransfer {

	final byte[] routingId;

	final long id;

	final ZmqTransferMetadata metadata;

	/** The size the sender announced, -1 if unknown. */
	final long declaredSize;

	final Path spool;

	private final FileChannel channel;

	private final CRC32C crc = new CRC32C();

	private long nextSequence;

	private long received;

	/** How many chunks the window last granted was counted from. */
	private long grantedFrom;

	long lastActivity;

	private InboundTransfer(byte[] routingId, long id, ZmqTransferMetadata metadata, long declaredSize, Path spool,
			FileChannel channel, long now) {
		this.routingId = routingId;
		this.id = id;
		this.metadata = metadata;
		this.declaredSize = declaredSize;
		this.spool = spool;
		this.channel = channel;
		this.lastActivity = now;
	}

	/** Create the spool file of a new transfer. */
	static InboundTransfer open(byte[] routingId, long id, ZmqTransferMetadata metadata, long declaredSize,
			Path directory, long now) throws IOException {
		Path spool = Files.createTempFile(directory, "zmq-transfer-", ".part");
		try {
			FileChannel channel = FileChannel.open(spool, StandardOpenOption.WRITE);
			return new InboundTransfer(routingId, id, metadata, declaredSize, spool, channel, now);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(spool);
			throw ex;
		}
	}

	/**
	 * Check a chunk before it is written.
	 * @return {@code null} if it is the expected next chunk within the limits, else the reason to abort
	 */
	@Nullable String check(ZmqTransferFrame frame, byte[] data, int chunkSize, long maxSize) {
		if (frame.sequence() != this.nextSequence || frame.value() != this.received || data.length > chunkSize) {
			return "protocol";
		}
		long total = this.received + data.length;
		if (total > maxSize) {
			return "too-large";
		}
		if (this.declaredSize >= 0
				&& (total > this.declaredSize || (frame.has(ZmqTransferFrame.LAST) && total != this.declaredSize))) {
			return "protocol";
		}
		return null;
	}

	/** Write a checked chunk to the spool file. */
	void write(byte[] data, long now) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(data);
		while (buffer.hasRemaining()) {
			this.channel.write(buffer);
		}
		this.crc.update(data, 0, data.length);
		this.received += data.length;
		this.nextSequence++;
		this.lastActivity = now;
	}

	/** The window to grant: chunks numbered below it may be sent. */
	long window(int credit) {
		return this.nextSequence + credit;
	}

	/**
	 * Whether to grant more credit now: once a quarter of the credit (at least one chunk) was
	 * written since the last grant, so the sender never runs dry and gets a few grants per window
	 * rather than one per chunk.
	 */
	boolean grantDue(int credit) {
		if (this.nextSequence - this.grantedFrom < Math.max(1, credit / 4)) {
			return false;
		}
		this.grantedFrom = this.nextSequence;
		return true;
	}

	long chunks() {
		return this.nextSequence;
	}

	long received() {
		return this.received;
	}

	int checksum() {
		return (int) this.crc.getValue();
	}

	/** Close the spool file, complete. */
	void close() throws IOException {
		this.channel.close();
	}

	/** Close and delete the spool file; never throws. */
	void discard() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// deleting anyway
		}
		try {
			Files.deleteIfExists(this.spool);
		}
		catch (IOException ex) {
			this.spool.toFile().deleteOnExit();
		}
	}

	String hexId() {
		return Long.toHexString(this.id);
	}

}

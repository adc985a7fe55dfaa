package io.zmqspring.transfer;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How one socket carries transfers ({@code zmq.sockets.<name>.transfer.*}).
 *
 * @param chunkSize the largest chunk in bytes: a sender sends chunks of this size (or of the
 * receiver's, if smaller); a receiver grants it and refuses larger ones
 * @param credit how many chunks of one transfer may be in flight: a receiver grants this many
 * beyond what it has written, a sender never has more than this many unconfirmed
 * @param idleTimeout how long a receiver waits for the next chunk, and a sender for credit or the
 * final answer, before the transfer is aborted
 * @param spoolDirectory where a receiver spools payloads
 * @param maxSize the largest payload a receiver accepts in bytes
 * @param maxConcurrent how many transfers a receiver handles at once, from their opening until
 * the listener returned; more are refused
 * @author zmq-spring-boot
 */
public record ZmqTransferSettings(int chunkSize, int credit, Duration idleTimeout, Path spoolDirectory, long maxSize,
		int maxConcurrent) {

	/** The default chunk size, 256 KB. */
	public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

	public ZmqTransferSettings {
		Assert.isTrue(chunkSize > 0, "'chunkSize' must be positive");
		Assert.isTrue(credit > 0, "'credit' must be positive");
		Assert.isTrue(!idleTimeout.isNegative() && !idleTimeout.isZero(), "'idleTimeout' must be positive");
		Assert.notNull(spoolDirectory, "'spoolDirectory' must not be null");
		Assert.isTrue(maxSize > 0, "'maxSize' must be positive");
		Assert.isTrue(maxConcurrent > 0, "'maxConcurrent' must be positive");
	}

	/**
	 * Return the defaults: chunks of 256 KB, a credit of 16 chunks, an idle timeout of 30 seconds,
	 * spooling to {@code java.io.tmpdir}, payloads up to 4 GB, 16 transfers at once.
	 * @return the default settings
	 */
	public static ZmqTransferSettings defaults() {
		return new ZmqTransferSettings(DEFAULT_CHUNK_SIZE, 16, Duration.ofSeconds(30),
				Path.of(System.getProperty("java.io.tmpdir")), 4L * 1024 * 1024 * 1024, 16);
	}

}

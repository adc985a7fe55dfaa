package io.zmqspring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Chunked transfers on a socket, under {@code zmq.sockets.<name>.transfer}: payloads far larger
 * than one message, sent by {@code ZmqTransferTemplate} on a DEALER socket and received by a
 * {@code @ZmqListener} on a ROUTER socket, with credit-based flow control.
 *
 * @author zmq-spring-boot
 */
public class ZmqTransferProperties {

	/**
	 * Whether the socket carries chunked transfers: a DEALER socket sends them with
	 * ZmqTransferTemplate, a ROUTER socket's @ZmqListener receives each payload spooled to a file.
	 */
	private boolean enabled;

	/**
	 * Largest chunk of a payload. A receiver refuses larger chunks and tells its senders its own
	 * chunk size; a sender sends chunks of its own size or the receiver's, whichever is smaller.
	 * On a receiver it must not exceed the socket's max-message-size.
	 */
	private DataSize chunkSize = DataSize.ofKilobytes(256);

	/**
	 * How many chunks of one transfer may be in flight: a receiver grants this many beyond the
	 * chunks it has written (renewed every quarter of it), so a sender never holds more than this
	 * many in memory.
	 */
	private int credit = 16;

	/**
	 * How long a receiver waits for a transfer's next chunk, and a sender for credit or the
	 * receiver's confirmation, before the transfer is aborted.
	 */
	private Duration idleTimeout = Duration.ofSeconds(30);

	/**
	 * Directory a receiver spools payloads to; created if missing. Defaults to java.io.tmpdir.
	 */
	private @Nullable String spoolDirectory;

	/**
	 * Largest payload a receiver accepts; larger transfers are refused or aborted as 'too-large'.
	 */
	private DataSize maxSize = DataSize.ofGigabytes(4);

	/**
	 * How many transfers a receiver handles at once, from their opening until the listener
	 * returned; more are refused as 'busy'.
	 */
	private int maxConcurrent = 16;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getChunkSize() {
		return this.chunkSize;
	}

	public void setChunkSize(DataSize chunkSize) {
		this.chunkSize = chunkSize;
	}

	public int getCredit() {
		return this.credit;
	}

	public void setCredit(int credit) {
		this.credit = credit;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public @Nullable String getSpoolDirectory() {
		return this.spoolDirectory;
	}

	public void setSpoolDirectory(@Nullable String spoolDirectory) {
		this.spoolDirectory = spoolDirectory;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public int getMaxConcurrent() {
		return this.maxConcurrent;
	}

	public void setMaxConcurrent(int maxConcurrent) {
		this.maxConcurrent = maxConcurrent;
	}

}

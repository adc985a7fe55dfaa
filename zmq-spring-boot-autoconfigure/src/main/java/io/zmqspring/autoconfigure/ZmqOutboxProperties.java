package io.zmqspring.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import io.zmqspring.outbox.ZmqOutboxSync;

/**
 * A socket's durable outbox, under {@code zmq.sockets.<name>.outbox}: on a DEALER or PAIR socket
 * the template sends on, every message is written to a local store before {@code send} returns
 * and sent until the receiver acknowledges it; on a ROUTER, DEALER or PAIR socket a listener
 * receives on, {@code dedup} acknowledges such messages and hands each to the handler once.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboxProperties {

	/**
	 * Whether the template's sends on this socket go through a durable outbox (DEALER or PAIR
	 * sockets, whose peer acknowledges every message: a listener with outbox.dedup.enabled).
	 */
	private boolean enabled;

	/**
	 * Directory of the outbox's store file (<socket>.outbox.mv.db) and of the listener side's
	 * delivery log (<socket>.dedup.mv.db); created if missing. One process at a time may use a
	 * file.
	 */
	private String directory = "zmq-outbox";

	/**
	 * When a send counts as stored: ALWAYS (commit and fsync per send), BATCH (group commit: sends
	 * that arrive during an fsync share the next one) or OS (written to the operating system, no
	 * fsync: faster, but not reliable against the death of the process or a power failure).
	 */
	private ZmqOutboxSync sync = ZmqOutboxSync.BATCH;

	/**
	 * How long a message may go without its ack, while a peer is connected, before it is sent
	 * again. Messages are also sent again at once when a peer (re)connects.
	 */
	private Duration ackTimeout = Duration.ofSeconds(5);

	/**
	 * Most messages on the wire without an ack; the rest wait in the store.
	 */
	private int maxInFlight = 1000;

	/**
	 * Most bytes of unacknowledged messages the outbox holds; a send that would pass it fails
	 * with a ZmqSendException.
	 */
	private DataSize maxSize = DataSize.ofGigabytes(1);

	/**
	 * The listener side: acknowledging outbox messages and handing each to the handler once.
	 */
	private final Dedup dedup = new Dedup();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getDirectory() {
		return this.directory;
	}

	public void setDirectory(String directory) {
		this.directory = directory;
	}

	public ZmqOutboxSync getSync() {
		return this.sync;
	}

	public void setSync(ZmqOutboxSync sync) {
		this.sync = sync;
	}

	public Duration getAckTimeout() {
		return this.ackTimeout;
	}

	public void setAckTimeout(Duration ackTimeout) {
		this.ackTimeout = ackTimeout;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public Dedup getDedup() {
		return this.dedup;
	}

	/**
	 * The listener side of durable outboxes on a ROUTER, DEALER or PAIR socket.
	 */
	public static class Dedup {

		/**
		 * Whether a listener on this socket acknowledges the messages of durable outboxes and
		 * hands each to its handler once, remembering them in a delivery log in the outbox
		 * directory.
		 */
		private boolean enabled;

		/**
		 * When the start of a handler counts as recorded (before the handler runs): ALWAYS, BATCH
		 * (group commit among the listener's workers) or OS (faster, but not reliable against the
		 * death of the process: a message may reach the handler again without the flag).
		 */
		private ZmqOutboxSync sync = ZmqOutboxSync.BATCH;

		/**
		 * How long the delivery log keeps what it cannot fold into a sender's watermark (messages
		 * that arrived out of order, or of a sender that also sends to other receivers); a message
		 * sent again after that is handled again.
		 */
		private Duration retention = Duration.ofDays(7);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public ZmqOutboxSync getSync() {
			return this.sync;
		}

		public void setSync(ZmqOutboxSync sync) {
			this.sync = sync;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

}

package io.zmqspring.core;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.core.log.LogMessage;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * The messages waiting for one socket: a bounded queue filled by any thread, and the message
 * the socket could not take yet. Only the socket's owner writes them out.
 *
 * @author zmq-spring-boot
 */
final class OwnerOutbound {

	private static final Log logger = LogFactory.getLog(OwnerOutbound.class);

	private final String name;

	private final ZmqMetrics metrics;

	private final Duration sendTimeout;

	private final SendQueue queue;

	private final ZmqSocketStats stats;

	// Owned by the socket's thread

	private @Nullable Object pending;

	private boolean blocked;

	OwnerOutbound(String name, ZmqMetrics metrics, Duration sendTimeout, int capacity, ZmqSocketStats stats) {
		this.name = name;
		this.metrics = metrics;
		this.sendTimeout = sendTimeout;
		this.queue = new SendQueue(capacity);
		this.stats = stats;
		stats.queue(this.queue::size);
	}

	/**
	 * Queue a message, waiting up to the send timeout for room; any thread.
	 * @param message the message
	 * @throws ZmqSendException if there is no room in time
	 */
	void offer(Object message) {
		if (this.queue.offer(message)) {
			return;
		}
		try {
			if (!this.queue.offer(message, this.sendTimeout.toNanos())) {
				this.metrics.sendFailure(this.name, "timeout");
				throw new ZmqSendException(this.name, "no room to queue the message within "
						+ this.sendTimeout.toMillis()
						+ " ms: peers are not taking messages (high-water mark reached or no peer connected)");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqSendException(this.name, "interrupted while waiting for room to queue the message", ex);
		}
	}

	/** Whether the socket refused the next message for lack of room. */
	boolean isBlocked() {
		return this.blocked;
	}

	/** Forget a waiting message that no longer needs sending (an expired request). */
	void skipDonePending() {
		if (this.pending instanceof ZmqOutbound waiting && waiting.isDone()) {
			this.pending = null;
		}
	}

	/** Whether messages wait to be sent. */
	boolean hasOutbound() {
		return this.pending != null || !this.queue.isEmpty();
	}

	/**
	 * Write what is waiting until the socket takes no more.
	 * @param owned the socket, owned by the calling thread
	 * @param mayBlock whether JeroMQ may wait for room, in slices (nothing else to serve)
	 * @return whether anything was sent
	 */
	boolean flush(ZMQ.Socket owned, boolean mayBlock) {
		boolean sent = false;
		this.blocked = false;
		while (true) {
			Object next = this.pending;
			this.pending = null;
			if (next == null) {
				next = this.queue.poll();
				if (next == null) {
					return sent;
				}
			}
			if (next instanceof ZmqOutbound outbound && outbound.isDone()) {
				continue;
			}
			if (next instanceof OutboundBatch batch) {
				int before = batch.position();
				boolean done = flushBatch(owned, batch, mayBlock);
				sent |= batch.position() > before;
				if (!done) {
					this.pending = batch;
					this.blocked = true;
					return sent;
				}
				continue;
			}
			boolean accepted;
			try {
				accepted = write(owned, next, ZMQ.DONTWAIT);
				if (!accepted && mayBlock && !(next instanceof ZmqOutbound)) {
					// Nothing else to serve meanwhile: let JeroMQ wait for room, in slices
					accepted = write(owned, next, 0);
				}
			}
			catch (ZMQException ex) {
				if (ex.getErrorCode() == zmq.ZError.ETERM) {
					throw ex;
				}
				rejected(next, ex);
				continue;
			}
			if (!accepted) {
				this.pending = next;
				this.blocked = true;
				return sent;
			}
			sent = true;
			this.stats.sent(bytes(next));
		}
	}

	/** Write a batch's messages in order; {@code false} when the socket takes no more for now. */
	private boolean flushBatch(ZMQ.Socket owned, OutboundBatch batch, boolean mayBlock) {
		while (batch.hasNext()) {
			Object message = batch.peek();
			boolean accepted;
			try {
				accepted = write(owned, message, ZMQ.DONTWAIT) || (mayBlock && write(owned, message, 0));
			}
			catch (ZMQException ex) {
				if (ex.getErrorCode() == zmq.ZError.ETERM) {
					throw ex;
				}
				rejected(message, ex);
				batch.advance();
				continue;
			}
			if (!accepted) {
				return false;
			}
			this.stats.sent(bytes(message));
			batch.advance();
		}
		return true;
	}

	/**
	 * Write a message. With {@code firstFrameFlags} 0 the first frame waits up to the socket's
	 * send timeout slice inside JeroMQ, which wakes exactly when the pipe has room again; once a
	 * first frame is accepted the rest of the message always is.
	 */
	private static boolean write(ZMQ.Socket owned, Object message, int firstFrameFlags) {
		if (message instanceof byte[] frame) {
			return owned.send(frame, firstFrameFlags);
		}
		if (message instanceof byte[][] frames) {
			int last = frames.length - 1;
			if (last == 0) {
				return owned.send(frames[0], firstFrameFlags);
			}
			if (!owned.send(frames[0], firstFrameFlags | ZMQ.SNDMORE)) {
				return false;
			}
			for (int i = 1; i < last; i++) {
				owned.send(frames[i], ZMQ.DONTWAIT | ZMQ.SNDMORE);
			}
			return owned.send(frames[last], ZMQ.DONTWAIT);
		}
		return ((ZmqOutbound) message).write(owned);
	}

	private void rejected(Object message, ZMQException ex) {
		this.metrics.sendFailure(this.name, "rejected");
		ZmqSendException failure = new ZmqSendException(this.name, "ZeroMQ rejected the message: " + ex.getMessage(),
				ex);
		if (message instanceof ZmqOutbound outbound) {
			outbound.fail(failure);
		}
		else {
			logger.warn("ZeroMQ socket " + this.name + " rejected a message: " + ex.getMessage());
		}
	}

	/** Drop what is still waiting after the linger, counting and logging it. */
	void dropRemaining() {
		int dropped = 0;
		Object message = this.pending;
		this.pending = null;
		if (message == null) {
			message = this.queue.poll();
		}
		while (message != null) {
			if (message instanceof ZmqOutbound outbound) {
				outbound.fail(new ZmqSendException(this.name, "the socket closed before the message could be sent"));
			}
			for (int i = count(message); i > 0; i--) {
				dropped++;
				this.metrics.sendFailure(this.name, "shutdown");
			}
			message = this.queue.poll();
		}
		if (dropped > 0) {
			int count = dropped;
			logger.warn(LogMessage.of(() -> "ZeroMQ socket " + this.name + " closed with " + count
					+ " message(s) it could not send within its linger"));
		}
	}

	/** Fail what is still waiting once the socket is closed for good. */
	void failRemaining(ZmqException reason) {
		Object message = this.pending;
		this.pending = null;
		if (message == null) {
			message = this.queue.poll();
		}
		int failed = 0;
		while (message != null) {
			if (message instanceof ZmqOutbound outbound) {
				outbound.fail(reason);
			}
			else {
				for (int i = count(message); i > 0; i--) {
					this.metrics.sendFailure(this.name, "closed");
				}
			}
			failed += count(message);
			message = this.queue.poll();
		}
		if (failed > 0) {
			int count = failed;
			logger.warn(LogMessage.of(() -> "ZeroMQ socket " + this.name + " closed with " + count
					+ " queued message(s) unsent"));
		}
	}

	/** How many messages a queued element holds: a batch's unsent ones, else one. */
	private static int count(Object message) {
		return (message instanceof OutboundBatch batch) ? batch.remaining() : 1;
	}

	private static long bytes(Object message) {
		if (message instanceof byte[] frame) {
			return frame.length;
		}
		if (message instanceof byte[][] frames) {
			return ZmqSocketStats.size(frames);
		}
		return ((ZmqOutbound) message).byteCount();
	}

}

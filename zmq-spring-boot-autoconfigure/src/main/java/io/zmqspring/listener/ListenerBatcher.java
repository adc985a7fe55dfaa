package io.zmqspring.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Fills a batch listener's batches on the socket's owner thread, the only thread that calls it,
 * so the socket is never touched from elsewhere. A batch is delivered when it reaches its size,
 * when its time window (from its first message) has passed, and, partial, when the listener
 * stops: messages in hand are never lost. Delivery runs the listener right there with a
 * concurrency of one, or hands the batch to the workers.
 *
 * @author zmq-spring-boot
 */
final class ListenerBatcher {

	private static final Log logger = LogFactory.getLog(ListenerBatcher.class);

	private final String listenerId;

	private final int size;

	private final long timeoutNanos;

	private final BatchListenerInvoker invoker;

	private final @Nullable ListenerWorkers<List<ZmqInboundMessage>> workers;

	private List<ZmqInboundMessage> batch;

	private long deadline;

	ListenerBatcher(String listenerId, ZmqBatchSettings settings, BatchListenerInvoker invoker,
			@Nullable ListenerWorkers<List<ZmqInboundMessage>> workers) {
		this.listenerId = listenerId;
		this.size = settings.size();
		this.timeoutNanos = settings.timeout().toNanos();
		this.invoker = invoker;
		this.workers = workers;
		this.batch = new ArrayList<>(Math.min(this.size, 1024));
	}

	/** Whether another message can be taken: a full batch must find room with the workers. */
	boolean ready() {
		return this.workers == null || this.workers.ready();
	}

	/** Add a message; call only when {@link #ready()}. A full batch is delivered at once. */
	void add(ZmqInboundMessage message) {
		if (this.batch.isEmpty()) {
			this.deadline = System.nanoTime() + this.timeoutNanos;
		}
		this.batch.add(message);
		if (this.batch.size() >= this.size) {
			deliver();
		}
	}

	/**
	 * Deliver the batch if its time window has passed.
	 * @param now the current {@link System#nanoTime()}
	 * @return when to be called again, {@code Long.MAX_VALUE} for no batch in hand
	 */
	long work(long now) {
		if (this.batch.isEmpty()) {
			return Long.MAX_VALUE;
		}
		if (now - this.deadline >= 0 && !deliver()) {
			// The workers are full: try again shortly (they also wake the owner when they take one)
			return now + TimeUnit.MILLISECONDS.toNanos(1);
		}
		return this.batch.isEmpty() ? Long.MAX_VALUE : this.deadline;
	}

	boolean isEmpty() {
		return this.batch.isEmpty();
	}

	/**
	 * Deliver the partial batch, then let the workers finish; called repeatedly while the listener
	 * stops until it returns {@code true}. Past the deadline, what cannot be handed over any more
	 * is logged and left.
	 * @param deadlineNanos the {@link System#nanoTime()} after which to stop waiting
	 * @return whether everything in hand was delivered and the workers ended, or the deadline passed
	 */
	boolean finish(long deadlineNanos) {
		if (!this.batch.isEmpty() && !deliver()) {
			if (System.nanoTime() - deadlineNanos < 0) {
				return false;
			}
			logger.warn("Listener '" + this.listenerId + "' stopped with a batch of " + this.batch.size()
					+ " message(s) undelivered: its handlers were still busy at the stop timeout");
		}
		return this.workers == null || this.workers.finish(deadlineNanos);
	}

	/** Hand the batch over; {@code false} if the workers have no room now. */
	private boolean deliver() {
		List<ZmqInboundMessage> full = this.batch;
		if (this.workers == null) {
			this.batch = new ArrayList<>(Math.min(this.size, 1024));
			this.invoker.process(full);
			return true;
		}
		if (!this.workers.ready()) {
			return false;
		}
		this.batch = new ArrayList<>(Math.min(this.size, 1024));
		this.workers.submit(full);
		return true;
	}

	void start() {
		if (this.workers != null) {
			this.workers.start();
		}
	}

}

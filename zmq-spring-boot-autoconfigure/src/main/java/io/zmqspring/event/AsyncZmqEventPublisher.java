package io.zmqspring.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * Publishes {@link ZmqEvent}s as application events from one daemon thread, {@code zmq-events},
 * so that no application listener ever runs on a socket's owner thread: a slow listener delays
 * only the events behind it. Events wait in a bounded queue; when it is full, an event is
 * dropped and counted ({@code zmq.events.dropped}) rather than stalling the socket. The thread
 * ends when this publisher is destroyed.
 *
 * @author zmq-spring-boot
 */
public class AsyncZmqEventPublisher implements ZmqEventPublisher, DisposableBean {

	/** The default number of events that may wait. */
	public static final int DEFAULT_CAPACITY = 1024;

	private static final Log logger = LogFactory.getLog(AsyncZmqEventPublisher.class);

	private static final long STOP_WAIT_MILLIS = 1000;

	private final ApplicationEventPublisher delegate;

	private final ZmqMetrics metrics;

	private final BlockingQueue<ZmqEvent> queue;

	private final AtomicLong dropped = new AtomicLong();

	private final Thread thread;

	private volatile boolean stopped;

	/**
	 * Create a publisher and start its thread.
	 * @param delegate where the events are published
	 * @param metrics where dropped events are counted
	 * @param capacity how many events may wait
	 */
	public AsyncZmqEventPublisher(ApplicationEventPublisher delegate, ZmqMetrics metrics, int capacity) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(metrics, "'metrics' must not be null");
		Assert.isTrue(capacity > 0, "'capacity' must be positive");
		this.delegate = delegate;
		this.metrics = metrics;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.thread = new Thread(this::run, "zmq-events");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void publish(ZmqEvent event) {
		if (this.stopped) {
			return;
		}
		if (!this.queue.offer(event)) {
			this.dropped.incrementAndGet();
			this.metrics.eventDropped();
			logger.debug(LogMessage.of(() -> "Dropped " + event + ": too many ZeroMQ events wait to be published"));
		}
	}

	/**
	 * Return how many events were dropped because the queue was full.
	 * @return the number of dropped events
	 */
	public long getDroppedCount() {
		return this.dropped.get();
	}

	private void run() {
		while (!this.stopped || !this.queue.isEmpty()) {
			ZmqEvent event;
			try {
				event = this.queue.poll(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (event != null) {
				deliver(event);
			}
		}
	}

	private void deliver(ZmqEvent event) {
		try {
			this.delegate.publishEvent(event);
		}
		catch (Throwable ex) {
			if (this.stopped) {
				logger.debug(LogMessage.of(() -> "Could not publish " + event + " while closing: " + ex));
			}
			else {
				logger.warn("A listener of " + event + " failed", ex);
			}
		}
	}

	/**
	 * Stop taking events, deliver what waits within a second, and end the thread.
	 */
	@Override
	public void destroy() {
		this.stopped = true;
		try {
			this.thread.join(STOP_WAIT_MILLIS);
			if (this.thread.isAlive()) {
				this.thread.interrupt();
				this.thread.join(STOP_WAIT_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int left = this.queue.size();
		this.queue.clear();
		if (left > 0 || this.thread.isAlive()) {
			logger.debug(LogMessage.of(() -> "Stopped publishing ZeroMQ events; " + left + " were not published"));
		}
	}

}

package io.zmqspring.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * One socket and the one thread that owns it. Everything that uses the socket goes through
 * here: the template's sends and requests are queued, a listener's receives and replies run
 * on the owner's thread. JeroMQ sockets are not thread-safe and break when the thread using them
 * is interrupted; no other thread ever touches this one, and the owner clears its own interrupt
 * flag before every round of socket calls.
 * <p>
 * The socket opens on the thread that acquires it, so bind errors reach that caller. If it fails
 * later, the owner closes it and opens it again with back-off, keeping what is queued; requests
 * in flight fail at once, since their replies cannot reach the new socket. The owner closes the
 * socket once its last user releases it: it delivers what is queued within the linger, then
 * counts and logs what it could not deliver.
 * <p>
 * Obtain owners from {@link ZmqSocketOwners}; this class is the starter's infrastructure.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketOwner {

	/** The states of the owner's socket. */
	public enum State {

		/** The socket is open and served. */
		RUNNING,

		/** The socket failed and is being opened again, with back-off. */
		REOPENING,

		/** The socket is closed for good. */
		CLOSED

	}

	private static final Log logger = LogFactory.getLog(ZmqSocketOwner.class);

	private static final long IDLE_WAIT_MILLIS = 1000;

	private static final long MONITOR_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final ZmqSocketFactory factory;

	private final ZmqSocketDefinition configured;

	private final ZmqSocketDefinition definition;

	private final String name;

	private final ZmqMetrics metrics;

	private final OwnerOutbound outbound;

	private final ZmqSocketStats stats;

	private final Runnable onClosed;

	private final ZmqSocketEvents socketEvents;

	private final OwnerInbound inbound;

	private final OwnerEndpoints endpoints;

	private final Object monitor = new Object();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

	/** Guarded by the monitor. */
	private int users;

	private volatile boolean closing;

	private volatile @Nullable ZmqSocketReceiver receiver;

	private volatile @Nullable OwnerDetach detaching;

	private volatile State state = State.RUNNING;

	private volatile long failures;

	private volatile boolean idle;

	private final OwnerSocket opened;

	private final OwnerBackoff backoff;

	// Owned by the socket's thread

	private @Nullable ZmqSocketReceiver announced;

	private long lastMonitorCheck;

	ZmqSocketOwner(ZmqSocketFactory factory, ZmqSocketDefinition definition, int queueCapacity, ZmqMetrics metrics,
			ZmqSocketStats stats, ZmqSocketEvents socketEvents, Runnable onClosed) {
		this.socketEvents = socketEvents;
		this.factory = factory;
		this.configured = definition;
		this.definition = definition.withType(definition.type().openedAs());
		this.name = definition.name();
		this.metrics = metrics;
		this.stats = stats;
		this.inbound = new OwnerInbound(factory, this.definition, metrics, stats, definition.type().carriesRoutingId(),
				this::clearInterrupt);
		this.endpoints = new OwnerEndpoints(factory, this.definition, this::wakeupNow);
		this.opened = new OwnerSocket(this, factory, this.definition, metrics, stats, socketEvents, this.endpoints,
				this::clearInterrupt);
		this.outbound = new OwnerOutbound(this.name, metrics, definition.options().sendTimeoutOrDefault(),
				queueCapacity, stats);
		this.backoff = new OwnerBackoff(this.name, this.monitor, () -> this.closing, this.outbound, factory,
				this.opened, this::clearInterrupt, () -> this.state = State.RUNNING);
		this.onClosed = onClosed;
		this.users = 1;
	}

	/**
	 * Return the socket's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the socket's definition as configured (a REQ socket is opened as a DEALER).
	 * @return the definition
	 */
	public ZmqSocketDefinition getDefinition() {
		return this.configured;
	}

	/**
	 * Return the state of the socket.
	 * @return the state
	 */
	public State getState() {
		return this.state;
	}

	/**
	 * Return how often the socket failed and was opened again.
	 * @return the number of failures
	 */
	public long getFailures() {
		return this.failures;
	}

	/**
	 * Whether the owner still takes messages.
	 * @return {@code false} once the last user released it or it closed
	 */
	public boolean isOpen() {
		return !this.closing && this.state != State.CLOSED;
	}

	/** Open the socket on the calling thread, so that bind errors reach it, then start the owner. */
	void start() {
		this.opened.open();
		Thread thread = new Thread(this::run, "zmq-socket-" + this.name);
		thread.setDaemon(true);
		thread.start();
	}

	/** Add a user; {@code false} if the owner is already closing. */
	boolean retain() {
		synchronized (this.monitor) {
			if (this.closing || this.state == State.CLOSED) {
				return false;
			}
			this.users++;
			return true;
		}
	}

	/**
	 * Give up one use of the socket; the last one closes it, after what is queued was delivered
	 * within the linger. Returns at once; see {@link #awaitClosed(long)}.
	 * @return whether this was the last use, so the socket is closing now
	 */
	public boolean release() {
		synchronized (this.monitor) {
			Assert.state(this.users > 0, "Socket '" + this.name + "' is not in use");
			if (--this.users > 0) {
				return false;
			}
			this.closing = true;
			this.monitor.notifyAll();
		}
		wakeupNow();
		return true;
	}

	/**
	 * Wait until the socket is closed and its thread ended.
	 * @param deadlineNanos the {@link System#nanoTime()} to wait until at most
	 * @return whether it closed in time
	 */
	public boolean awaitClosed(long deadlineNanos) {
		try {
			long left = deadlineNanos - System.nanoTime();
			return this.terminated.await(Math.max(0, left), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Return a future that completes once the socket is closed and its thread ended.
	 * @return the future
	 */
	public CompletableFuture<Void> closed() {
		return this.closedFuture;
	}

	/**
	 * Whether a receiver no longer gets messages.
	 * @param receiver the receiver
	 * @return {@code true} once it is detached or the socket closed
	 */
	public boolean isDetached(ZmqSocketReceiver receiver) {
		return this.receiver != receiver || this.state == State.CLOSED;
	}

	/**
	 * Hand received messages to a receiver from now on.
	 * @param receiver the receiver
	 * @throws IllegalStateException if another receiver is attached
	 */
	public void attach(ZmqSocketReceiver receiver) {
		synchronized (this.monitor) {
			ZmqSocketReceiver current = this.receiver;
			Assert.state(current == null || this.detaching != null,
					() -> "Socket '" + this.name + "' already hands its messages to " + current);
			this.receiver = receiver;
		}
		wakeupNow();
	}

	/**
	 * Stop handing messages to a receiver. On the owner's thread, a receiver that drains (PULL,
	 * SUB, XSUB) of a socket nobody else uses first unbinds and disconnects and takes what the
	 * socket already holds; then the receiver finishes what is in hand while the owner keeps
	 * sending its replies.
	 * @param receiver the receiver
	 * @return completes once the receiver is detached
	 */
	public CompletableFuture<Void> detach(ZmqSocketReceiver receiver) {
		OwnerDetach request = new OwnerDetach(receiver);
		synchronized (this.monitor) {
			if (this.receiver != receiver || this.state == State.CLOSED) {
				request.done.complete(null);
				return request.done;
			}
			this.detaching = request;
		}
		wakeupNow();
		return request.done;
	}

	/**
	 * Queue a message for the socket: a {@code byte[]} frame, a {@code byte[][]} multipart message
	 * or a {@link ZmqOutbound}. Waits up to the socket's send timeout for room.
	 * @param message the message
	 * @throws ZmqSendException if the socket is closed or there is no room in time
	 */
	public void send(Object message) {
		if (!isOpen()) {
			throw new ZmqSendException(this.name, "the socket is closed");
		}
		this.outbound.offer(message);
		if (this.idle) {
			wakeupNow();
		}
		if (this.terminated.getCount() == 0) {
			// Closed while the message was being queued: it will never be sent
			this.metrics.sendFailure(this.name, "closed");
			throw new ZmqSendException(this.name, "the socket is closed");
		}
	}

	/**
	 * Queue many messages for the socket in one queue operation; the owner sends them in order.
	 * Each is a {@code byte[]} frame or a {@code byte[][]} multipart message. Waits up to the
	 * socket's send timeout for room for the batch, which takes one place in the queue.
	 * @param messages the messages
	 * @throws ZmqSendException if the socket is closed or there is no room in time
	 */
	public void sendBatch(Object[] messages) {
		for (Object message : messages) {
			Assert.isTrue(message instanceof byte[] || message instanceof byte[][],
					"A batch holds byte[] and byte[][] messages only");
		}
		send(new OutboundBatch(messages.clone()));
	}

	/** Wake the owner if it is waiting. Cheap when it is not; safe from any thread. */
	public void wakeup() {
		ZmqSocketWaiter current = this.opened.waiter();
		if (current != null) {
			current.wakeup();
		}
	}

	/** Wake the owner now, or make its next wait return at once; safe from any thread. */
	public void wakeupNow() {
		ZmqSocketWaiter current = this.opened.waiter();
		if (current != null) {
			current.wakeupNow();
		}
	}

	@Override
	public String toString() {
		return "ZmqSocketOwner[" + this.definition.describe() + ", " + this.state + "]";
	}

	private void run() {
		try {
			while (!serve()) {
				if (!reopen()) {
					break;
				}
			}
		}
		finally {
			this.state = State.CLOSED;
			ZmqException closed = new ZmqException("Socket '" + this.name + "' closed before the request completed");
			ZmqSocketReceiver current = this.receiver;
			if (current != null) {
				current.socketLost(closed);
			}
			this.outbound.failRemaining(closed);
			this.opened.close(false);
			OwnerDetach request = this.detaching;
			if (request != null) {
				request.done.complete(null);
			}
			this.terminated.countDown();
			// A send that queued before the count-down but checked it before too returned
			// normally: its message is counted here, never just left in the queue
			this.outbound.failRemaining(closed);
			this.onClosed.run();
			this.closedFuture.complete(null);
		}
	}

	/** Serve the socket until it closes ({@code true}) or fails ({@code false}). */
	private boolean serve() {
		ZMQ.Socket owned = this.opened.socket();
		Assert.state(owned != null, "No socket");
		long drainDeadline = 0;
		this.announced = null;
		try {
			while (true) {
				clearInterrupt();
				OwnerDetach request = this.detaching;
				if (request != null) {
					detachNow(owned, request);
				}
				ZmqSocketReceiver current = this.receiver;
				if (current != null && current != this.announced) {
					this.announced = current;
					current.opened(owned);
				}
				if (this.closing && this.detaching == null) {
					if (drainDeadline == 0) {
						drainDeadline = System.nanoTime() + this.definition.options().lingerOrDefault().toNanos();
					}
					if (!this.outbound.hasOutbound() && (current == null || current.isIdle())) {
						return true;
					}
					if (System.nanoTime() - drainDeadline >= 0) {
						this.outbound.dropRemaining();
						return true;
					}
				}
				this.outbound.skipDonePending();
				boolean worked = this.outbound.flush(owned, current == null);
				long nextDeadline = Long.MAX_VALUE;
				if (current != null) {
					worked |= this.inbound.receive(owned, current);
					nextDeadline = current.work(System.nanoTime());
				}
				this.endpoints.retry(owned);
				// Connection events are not urgent: read them when idle, or now and then while busy
				long now = System.nanoTime();
				if (!worked || now - this.lastMonitorCheck >= MONITOR_INTERVAL_NANOS) {
					this.lastMonitorCheck = now;
					worked |= this.opened.monitor().handle(this.outbound.hasOutbound());
				}
				if (!worked) {
					waitForWork(owned, current, Math.min(nextDeadline, (drainDeadline != 0) ? drainDeadline : Long.MAX_VALUE));
				}
			}
		}
		catch (RuntimeException | Error ex) {
			if (isContextTerminated(ex)) {
				return true;
			}
			this.failures++;
			this.metrics.socketFailure(this.name);
			logger.error("ZeroMQ socket " + this.name + " failed; it will be opened again: " + ex, ex);
			publishFailure(ex);
			return false;
		}
	}

	private void publishFailure(Throwable failure) {
		try {
			this.socketEvents.failed(this, failure);
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.of(() -> "Could not publish the failure of socket " + this.name + ": " + ex));
		}
	}

	private void waitForWork(ZMQ.Socket owned, @Nullable ZmqSocketReceiver current, long deadline) {
		long wait = IDLE_WAIT_MILLIS;
		if (deadline != Long.MAX_VALUE) {
			wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
		}
		wait = this.endpoints.limitWait(wait);
		// Callers wake this thread only while it waits for them, not while the socket is full
		this.idle = !this.outbound.isBlocked();
		try {
			this.opened.waiter().await(Math.max(1, wait), () -> hasWork(owned, current));
		}
		finally {
			this.idle = false;
		}
	}

	private boolean hasWork(ZMQ.Socket owned, @Nullable ZmqSocketReceiver current) {
		if (this.detaching != null || current != this.receiver) {
			return true;
		}
		if (this.closing && !this.outbound.hasOutbound() && (current == null || current.isIdle())) {
			return true;
		}
		if (!this.outbound.isBlocked() && this.outbound.hasOutbound()) {
			return true;
		}
		if (this.opened.monitor().hasEvents()) {
			return true;
		}
		int events = owned.getEvents();
		return (this.outbound.isBlocked() && (events & ZMQ.Poller.POLLOUT) != 0)
				|| (current != null && (events & ZMQ.Poller.POLLIN) != 0 && current.ready());
	}

	/**
	 * Return what went through the socket, across its restarts.
	 * @return the statistics
	 */
	public ZmqSocketStats getStats() {
		return this.stats;
	}

	private void detachNow(ZMQ.Socket owned, OwnerDetach request) {
		ZmqSocketReceiver leaving = request.receiver;
		boolean alone;
		synchronized (this.monitor) {
			alone = this.users <= 1;
		}
		if (alone && this.definition.type().drainsOnStop()) {
			this.inbound.drain(owned, leaving, this.opened.waiter());
		}
		while (!leaving.finish()) {
			this.outbound.flush(owned, false);
			this.opened.waiter().await(10, () -> !this.outbound.isBlocked() && this.outbound.hasOutbound());
			clearInterrupt();
		}
		this.outbound.flush(owned, false);
		synchronized (this.monitor) {
			if (this.receiver == leaving) {
				this.receiver = null;
			}
			this.detaching = null;
		}
		request.done.complete(null);
	}

	/** Close the failed socket and open it again with back-off; {@code false} if closing meanwhile. */
	private boolean reopen() {
		this.state = State.REOPENING;
		this.opened.close(true);
		ZmqSocketReceiver current = this.receiver;
		if (current != null) {
			current.socketLost(new ZmqException("Socket '" + this.name + "' failed and is being opened again"));
		}
		return this.backoff.reopen();
	}

	private void clearInterrupt() {
		if (Thread.interrupted()) {
			logger.debug(LogMessage.of(() -> "Cleared the interrupt flag of the thread owning socket " + this.name
					+ " before it touches the socket"));
		}
	}

	private boolean isContextTerminated(Throwable ex) {
		return (ex instanceof ZMQException failure && failure.getErrorCode() == zmq.ZError.ETERM)
				|| this.factory.getContext().isClosed();
	}

}

package io.zmqspring.proxy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQException;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqKeepAlive;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.metrics.ZmqMetrics;
import zmq.ZError;

/**
 * A running proxy: its frontend, backend and capture sockets, all owned by one thread that moves
 * every message from the frontend to the backend and (except for a streamer) back. The sockets
 * are opened through the {@link ZmqSocketFactory}, so they get every option, the security
 * settings and the hostile-input guard that the application's other sockets get.
 * <p>
 * The sockets open on the thread that calls {@link #start()}, so bind errors reach it. A
 * destination that cannot take a message (no peer, or its high-water mark reached) holds up only
 * its direction: the proxy stops reading the source, whose peers then feel the back-pressure,
 * and goes on once the destination has room. {@link #pause()} stops forwarding and lets messages
 * queue in the sockets (up to their high-water marks); {@link #resume()} goes on. If the proxy
 * fails it closes its sockets and opens them again with back-off ({@link State#REOPENING}).
 * Every method is safe from any thread; none touches a socket.
 *
 * @author zmq-spring-boot
 */
public final class ZmqProxy {

	/** The states of a proxy. */
	public enum State {

		/** Not started, or stopped. */
		STOPPED,

		/** Forwarding messages. */
		RUNNING,

		/** Running, but not forwarding until resumed. */
		PAUSED,

		/** Failed, and opening its sockets again with back-off. */
		REOPENING,

		/** Ended without being stopped, for example because the ZeroMQ context closed. */
		FAILED

	}

	/** The directions messages take through a proxy. */
	public enum Direction {

		/** Received on the frontend, sent on the backend: requests, published messages, tasks. */
		FRONTEND_TO_BACKEND("frontend-to-backend"),

		/** Received on the backend, sent on the frontend: replies and subscriptions. */
		BACKEND_TO_FRONTEND("backend-to-frontend");

		private final String tag;

		Direction(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the direction as a metric tag.
		 * @return for example {@code frontend-to-backend}
		 */
		public String tag() {
			return this.tag;
		}

	}

	private static final Log logger = LogFactory.getLog(ZmqProxy.class);

	private static final long IDLE_WAIT_MILLIS = 1000;

	private static final int BUDGET = 256;

	private static final long FIRST_BACKOFF_MILLIS = 100;

	private static final long MAX_BACKOFF_MILLIS = 5000;

	private static final long PAUSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final ZmqProxyDefinition definition;

	private final ZmqSocketFactory socketFactory;

	private final Object lifecycleMonitor = new Object();

	private final AtomicLong frontendToBackend = new AtomicLong();

	private final AtomicLong backendToFrontend = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private volatile ZmqMetrics metrics = ZmqMetrics.NONE;

	private volatile boolean paused;

	/** Guards {@link #pauseSeen}: the proxy's thread saw the pause and forwards no more. */
	private final Object pauseMonitor = new Object();

	private boolean pauseSeen;

	private volatile long failures;

	private volatile @Nullable Run run;

	/**
	 * Create a proxy; it does nothing until started.
	 * @param definition the proxy's definition
	 * @param socketFactory the factory that opens its sockets
	 */
	public ZmqProxy(ZmqProxyDefinition definition, ZmqSocketFactory socketFactory) {
		Assert.notNull(definition, "'definition' must not be null");
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		this.definition = definition;
		this.socketFactory = socketFactory;
	}

	/**
	 * Set the metrics that count dropped messages.
	 * @param metrics the metrics
	 */
	public void setMetrics(ZmqMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Return the proxy's name.
	 * @return the name
	 */
	public String getName() {
		return this.definition.name();
	}

	/**
	 * Return the proxy's definition.
	 * @return the definition
	 */
	public ZmqProxyDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Return the proxy's state.
	 * @return the state
	 */
	public State getState() {
		Run current = this.run;
		if (current == null) {
			return State.STOPPED;
		}
		State state = current.state;
		return (state == State.RUNNING && this.paused) ? State.PAUSED : state;
	}

	/**
	 * Whether the proxy's thread runs (forwarding, paused or reopening).
	 * @return {@code true} from start until stop or failure
	 */
	public boolean isRunning() {
		State state = getState();
		return state == State.RUNNING || state == State.PAUSED || state == State.REOPENING;
	}

	/**
	 * Return how many messages the proxy forwarded in a direction, across its restarts.
	 * @param direction the direction
	 * @return the count
	 */
	public long getMessages(Direction direction) {
		return (direction == Direction.FRONTEND_TO_BACKEND) ? this.frontendToBackend.get()
				: this.backendToFrontend.get();
	}

	/**
	 * Return how many messages the proxy received but could not forward: refused by the
	 * destination (for example a ROUTER with {@code router-mandatory} whose client is gone), or
	 * still held when it stopped.
	 * @return the count
	 */
	public long getDropped() {
		return this.dropped.get();
	}

	/**
	 * Return how often the proxy failed and opened its sockets again.
	 * @return the count
	 */
	public long getFailures() {
		return this.failures;
	}

	/**
	 * Open the sockets on the calling thread and start forwarding; does nothing if the proxy
	 * runs. A proxy that was paused starts forwarding.
	 * @throws io.zmqspring.core.ZmqBindException if a socket cannot be opened; none stays open
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			Run current = this.run;
			if (current != null && current.isAlive()) {
				return;
			}
			this.paused = false;
			Run next = new Run(ProxySockets.open(this.socketFactory, this.definition, this.metrics, this.frontendToBackend,
					this.backendToFrontend, this.dropped));
			next.thread.start();
			this.run = next;
			logger.info(LogMessage.of(() -> "Started ZeroMQ " + this.definition.kind().name().toLowerCase()
					+ " proxy " + getName() + ": " + this.definition.frontend().describe() + " <-> "
					+ this.definition.backend().describe()));
		}
	}

	/**
	 * Stop forwarding and close the sockets, waiting for that up to the sockets' linger (capped to
	 * the context's shutdown timeout) and one second more.
	 */
	public void stop() {
		Run current;
		synchronized (this.lifecycleMonitor) {
			current = this.run;
			if (current == null) {
				return;
			}
			current.requestStop();
		}
		if (!current.awaitEnd(this.socketFactory.getMaxLinger().plusSeconds(1))) {
			logger.warn("ZeroMQ proxy " + getName() + " did not stop in time");
		}
	}

	/** Ask the proxy to stop without waiting; see {@link #awaitStopped(long)}. */
	void requestStop() {
		Run current = this.run;
		if (current != null) {
			current.requestStop();
		}
	}

	/**
	 * Stop forwarding; messages queue in the sockets, up to their high-water marks, until resumed.
	 * Returns once the proxy's thread has finished what it was forwarding (at most a few seconds),
	 * so nothing sent after the call passes.
	 */
	public void pause() {
		synchronized (this.pauseMonitor) {
			this.pauseSeen = false;
		}
		this.paused = true;
		Run current = this.run;
		if (current != null && current.isAlive() && Thread.currentThread() != current.thread) {
			current.wakeup();
			long deadline = System.nanoTime() + PAUSE_WAIT_NANOS;
			synchronized (this.pauseMonitor) {
				long left;
				while (!this.pauseSeen && current.isAlive() && (left = deadline - System.nanoTime()) > 0) {
					try {
						this.pauseMonitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
			}
		}
		logger.info(LogMessage.of(() -> "Paused ZeroMQ proxy " + getName()));
	}

	/** Go on forwarding after {@link #pause()}. */
	public void resume() {
		this.paused = false;
		Run current = this.run;
		if (current != null) {
			current.wakeup();
		}
		logger.info(LogMessage.of(() -> "Resumed ZeroMQ proxy " + getName()));
	}

	@Override
	public String toString() {
		return "ZmqProxy[" + getName() + ", " + this.definition.kind() + ", " + getState() + "]";
	}

	/** One start-to-stop cycle of the proxy's thread. */
	private final class Run implements Runnable {

		final Thread thread;

		volatile State state = State.RUNNING;

		private volatile boolean stopRequested;

		private final CountDownLatch ended = new CountDownLatch(1);

		private final Object backoffMonitor = new Object();

		private volatile @Nullable ProxySockets sockets;

		Run(ProxySockets sockets) {
			this.sockets = sockets;
			this.thread = new Thread(this, "zmq-proxy-" + getName());
			this.thread.setDaemon(true);
		}

		boolean isAlive() {
			return this.ended.getCount() > 0;
		}

		void requestStop() {
			this.stopRequested = true;
			synchronized (this.backoffMonitor) {
				this.backoffMonitor.notifyAll();
			}
			wakeup();
		}

		void wakeup() {
			ProxySockets current = this.sockets;
			if (current != null) {
				current.waiter().wakeupNow();
			}
		}

		/** Wait until the thread ended: its sockets closed and it returned. */
		boolean awaitEnd(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			try {
				if (!this.ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
					return false;
				}
				if (Thread.currentThread() != this.thread) {
					this.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
				}
				return !this.thread.isAlive();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		@Override
		public void run() {
			// A broker that is only proxies must stay up like a listener-only service
			ZmqKeepAlive.acquire();
			try {
				ProxySockets current = this.sockets;
				while (current != null) {
					try {
						serve(current);
						current.close(false);
						this.state = State.STOPPED;
						return;
					}
					catch (RuntimeException | Error ex) {
						current.close(true);
						if (isContextTerminated(ex)) {
							this.state = this.stopRequested ? State.STOPPED : State.FAILED;
							if (!this.stopRequested) {
								logger.error("ZeroMQ proxy " + getName() + " ended: the ZeroMQ context closed");
							}
							return;
						}
						ZmqProxy.this.failures++;
						logger.error("ZeroMQ proxy " + getName() + " failed; it opens its sockets again: " + ex, ex);
						this.state = State.REOPENING;
						current = reopen();
						this.sockets = current;
						if (current != null) {
							this.state = State.RUNNING;
						}
					}
				}
				this.state = this.stopRequested ? State.STOPPED : State.FAILED;
			}
			finally {
				ZmqKeepAlive.release();
				this.ended.countDown();
			}
		}

		private void serve(ProxySockets current) {
			while (!this.stopRequested) {
				clearInterrupt();
				boolean worked = false;
				if (!ZmqProxy.this.paused) {
					worked = current.pump(BUDGET);
				}
				else {
					synchronized (ZmqProxy.this.pauseMonitor) {
						ZmqProxy.this.pauseSeen = true;
						ZmqProxy.this.pauseMonitor.notifyAll();
					}
				}
				if (!worked) {
					current.waiter().await(IDLE_WAIT_MILLIS, () -> {
						// Read both sockets' events even while paused, which consumes their signals
						boolean ready = current.ready();
						return this.stopRequested || (ready && !ZmqProxy.this.paused);
					});
				}
			}
			current.flushOrDrop();
		}

		/** Open the sockets again with back-off; {@code null} if stopped or the context closed meanwhile. */
		private @Nullable ProxySockets reopen() {
			long backoff = FIRST_BACKOFF_MILLIS;
			while (true) {
				synchronized (this.backoffMonitor) {
					if (this.stopRequested) {
						return null;
					}
					try {
						this.backoffMonitor.wait(backoff);
					}
					catch (InterruptedException ex) {
						// only a stop ends the proxy
					}
					if (this.stopRequested) {
						return null;
					}
				}
				if (ZmqProxy.this.socketFactory.getContext().isClosed()) {
					return null;
				}
				clearInterrupt();
				try {
					ProxySockets reopened = ProxySockets.open(ZmqProxy.this.socketFactory, ZmqProxy.this.definition,
							ZmqProxy.this.metrics, ZmqProxy.this.frontendToBackend, ZmqProxy.this.backendToFrontend,
							ZmqProxy.this.dropped);
					logger.info(LogMessage.of(() -> "ZeroMQ proxy " + getName() + " is running again after a failure"));
					return reopened;
				}
				catch (RuntimeException ex) {
					long waited = backoff;
					logger.warn(LogMessage.of(() -> "ZeroMQ proxy " + getName() + " could not open its sockets again "
							+ "(retrying in " + Math.min(waited * 2, MAX_BACKOFF_MILLIS) + " ms): " + ex.getMessage()));
					backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
				}
			}
		}

		private boolean isContextTerminated(Throwable ex) {
			return (ex instanceof ZMQException failure && failure.getErrorCode() == ZError.ETERM)
					|| ZmqProxy.this.socketFactory.getContext().isClosed();
		}

		private void clearInterrupt() {
			if (Thread.interrupted()) {
				logger.debug(LogMessage.of(() -> "Cleared the interrupt flag of proxy " + getName()
						+ "'s thread before it touches its sockets"));
			}
		}

	}

}

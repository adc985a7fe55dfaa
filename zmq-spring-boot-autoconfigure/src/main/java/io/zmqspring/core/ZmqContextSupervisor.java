package io.zmqspring.core;

import java.lang.Thread.UncaughtExceptionHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.util.Assert;

import io.zmqspring.metrics.ZmqMetrics;
import zmq.msg.MsgAllocator;
import zmq.util.function.BiFunction;

/**
 * Watches a {@link ZContext} for what remote peers and JeroMQ's own I/O threads can do to it:
 * <ul>
 * <li>Protocol violations that JeroMQ 0.6.0 does not survive on its own (a frame with a negative
 * 64-bit size, which also slips past the max message size): each socket gets a {@link ZmqGuardedMsgAllocator} (see
 * {@link #guard(ZContext, String, ZMQ.Socket)}), whose violations are counted
 * ({@code zmq.protocol.violations}) and logged, at WARN at most once a minute per socket and at
 * DEBUG otherwise.</li>
 * <li>Exceptions JeroMQ's poller catches and survives, which it would otherwise print to stderr:
 * counted ({@code zmq.io.thread.faults}, {@code kind=recovered}) and logged the same way.</li>
 * <li>Errors that kill an I/O thread: counted ({@code kind=fatal}) and logged at ERROR. A JeroMQ
 * context cannot replace a dead I/O thread and the sockets it served are lost, so the context
 * reports itself unhealthy ({@link #isHealthy()}) and the application should be restarted.</li>
 * </ul>
 * The supervisor is the context's notification handler, which is how
 * {@link #of(ZContext)} finds it again.
 *
 * @author zmq-spring-boot
 */
public final class ZmqContextSupervisor implements UncaughtExceptionHandler {

	private static final Log logger = LogFactory.getLog(ZmqContextSupervisor.class);

	private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

	/** Guards sockets of contexts nobody supervises: logs, counts nothing. */
	private static final ZmqContextSupervisor UNSUPERVISED = new ZmqContextSupervisor(ZmqMetrics.NONE, null);

	private final ZmqMetrics metrics;

	private final @Nullable UncaughtExceptionHandler previousFatalHandler;

	private final ZmqRateLimitedLog rateLimitedLog = new ZmqRateLimitedLog(logger, WARN_INTERVAL.toNanos(),
			System::nanoTime);

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final AtomicLong protocolViolations = new AtomicLong();

	private final AtomicLong recoveredFaults = new AtomicLong();

	private final AtomicLong fatalFaults = new AtomicLong();

	private ZmqContextSupervisor(ZmqMetrics metrics, @Nullable UncaughtExceptionHandler previousFatalHandler) {
		this.metrics = metrics;
		this.previousFatalHandler = previousFatalHandler;
	}

	/**
	 * Supervise a context: install its notification and uncaught-exception handlers and track the
	 * threads it starts. Must be called before the context's first socket, which starts them.
	 * @param context the context
	 * @param metrics where to count
	 * @return the supervisor
	 * @throws IllegalStateException if the context has already started
	 */
	public static ZmqContextSupervisor supervise(ZContext context, ZmqMetrics metrics) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(metrics, "'metrics' must not be null");
		ZmqContextSupervisor supervisor = new ZmqContextSupervisor(metrics, context.getUncaughtExceptionHandler());
		BiFunction<Runnable, String, Thread> threadFactory = context.getThreadFactory();
		// JeroMQ's default factory gives each thread the context's uncaught-exception handler
		context.setUncaughtExceptionHandler(supervisor::ioThreadDied);
		context.setNotificationExceptionHandler(supervisor);
		context.setThreadFactor((runnable, name) -> supervisor.track(threadFactory.apply(runnable, name)));
		return supervisor;
	}

	/**
	 * Return the supervisor of a context.
	 * @param context the context
	 * @return its supervisor, or {@code null} if it is not supervised
	 */
	public static @Nullable ZmqContextSupervisor of(ZContext context) {
		return (context.getNotificationExceptionHandler() instanceof ZmqContextSupervisor supervisor) ? supervisor
				: null;
	}

	/**
	 * Guard a socket against hostile frame sizes by wrapping its message allocator (the one
	 * JeroMQ or a customizer set) in a {@link ZmqGuardedMsgAllocator}. Violations are counted by
	 * the context's supervisor, or only logged when the context is not supervised.
	 * @param context the context that owns the socket
	 * @param socketName the socket's name, for counters and logs
	 * @param socket a socket that has not bound or connected yet
	 */
	public static void guard(ZContext context, String socketName, ZMQ.Socket socket) {
		ZmqContextSupervisor supervisor = of(context);
		((supervisor != null) ? supervisor : UNSUPERVISED).guard(socketName, socket);
	}

	private void guard(String socketName, ZMQ.Socket socket) {
		Object current = socket.base().getSocketOptx(zmq.ZMQ.ZMQ_MSG_ALLOCATOR);
		if (current instanceof ZmqGuardedMsgAllocator) {
			return;
		}
		MsgAllocator delegate = (current instanceof MsgAllocator allocator) ? allocator : zmq.ZMQ.DEFAULT_MSG_ALLOCATOR;
		socket.setMsgAllocator(new ZmqGuardedMsgAllocator(socketName, delegate, socket.getMaxMsgSize(),
				this::protocolViolation));
	}

	/**
	 * Record a protocol violation by a remote peer.
	 * @param socket the socket name
	 * @param reason a short fixed reason
	 */
	public void protocolViolation(String socket, String reason) {
		this.protocolViolations.incrementAndGet();
		this.metrics.protocolViolation(socket, reason);
		this.rateLimitedLog.warn("violation:" + socket + ":" + reason, "ZeroMQ socket '" + socket
				+ "' received a frame that breaks the protocol (" + reason + ") and discarded it", null);
	}

	/**
	 * Called by JeroMQ's poller with an exception it caught and survived.
	 */
	@Override
	public void uncaughtException(Thread thread, Throwable ex) {
		this.recoveredFaults.incrementAndGet();
		this.metrics.ioThreadFault("recovered");
		this.rateLimitedLog.warn("fault:" + ex.getClass().getName(),
				"ZeroMQ I/O thread " + thread.getName() + " recovered from " + ex, ex);
	}

	private void ioThreadDied(Thread thread, Throwable ex) {
		this.fatalFaults.incrementAndGet();
		this.metrics.ioThreadFault("fatal");
		logger.error("ZeroMQ I/O thread " + thread.getName() + " died; the sockets it served no longer transfer "
				+ "messages and the application needs a restart", ex);
		if (this.previousFatalHandler != null) {
			this.previousFatalHandler.uncaughtException(thread, ex);
		}
	}

	private Thread track(Thread thread) {
		this.threads.add(thread);
		return thread;
	}

	/**
	 * Return the threads the context started (its I/O threads and its reaper).
	 * @return the threads, empty before the first socket
	 */
	public List<Thread> getThreads() {
		return List.copyOf(this.threads);
	}

	/**
	 * Return whether no thread of the context died, while the context is open.
	 * @return {@code true} if every thread the context started is alive
	 */
	public boolean isHealthy() {
		return this.fatalFaults.get() == 0 && this.threads.stream().allMatch(Thread::isAlive);
	}

	/**
	 * Return how many protocol violations were recorded.
	 * @return the count
	 */
	public long getProtocolViolations() {
		return this.protocolViolations.get();
	}

	/**
	 * Return how many exceptions an I/O thread survived.
	 * @return the count
	 */
	public long getRecoveredFaults() {
		return this.recoveredFaults.get();
	}

	/**
	 * Return how many context threads died.
	 * @return the count
	 */
	public long getFatalFaults() {
		return this.fatalFaults.get();
	}

}

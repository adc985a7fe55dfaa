package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.core.log.LogMessage;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.core.ZmqSocketWaiter;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * One socket of the template and the thread that owns it. Callers hand messages over through a
 * bounded queue; only the owning thread touches the socket. A correlating socket (DEALER) also
 * matches replies to {@link PendingRequest}s by a correlation frame and expires them.
 *
 * @author zmq-spring-boot
 */
final class TemplateSocket {

	private static final Log logger = LogFactory.getLog(TemplateSocket.class);

	private static final long IDLE_WAIT_MILLIS = 1000;

	/** How long one blocking send may wait for room before the thread checks for a stop. */
	private static final long BLOCKED_SLICE_MILLIS = 100;

	private final ZmqSocketFactory factory;

	private final ZmqSocketDefinition definition;

	private final String name;

	private final boolean correlating;

	private final ZmqMetrics metrics;

	private final ZmqSocketType configuredType;

	private final Duration sendTimeout;

	private final SendQueue queue;

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile boolean running;

	private volatile boolean failed;

	private volatile boolean idle;

	private ZMQ.@Nullable Socket socket;

	private @Nullable ZmqSocketWaiter waiter;

	// Owned by the socket's thread

	private @Nullable Object pending;

	private final RequestCorrelator correlator;

	private boolean blocked;

	TemplateSocket(ZmqSocketFactory factory, ZmqSocketDefinition configured, int queueCapacity, ZmqMetrics metrics) {
		this.factory = factory;
		this.configuredType = configured.type();
		this.correlating = this.configuredType == ZmqSocketType.REQ || this.configuredType == ZmqSocketType.DEALER;
		this.definition = (this.configuredType == ZmqSocketType.REQ) ? configured.withType(ZmqSocketType.DEALER)
				: configured;
		this.sendTimeout = configured.options().sendTimeoutOrDefault();
		this.name = configured.name();
		this.metrics = metrics;
		this.queue = new SendQueue(queueCapacity);
		this.correlator = new RequestCorrelator(this.name, metrics);
	}

	String name() {
		return this.name;
	}

	/**
	 * Return the type as configured (REQ although the socket is a DEALER).
	 * @return the configured type
	 */
	ZmqSocketType configuredType() {
		return this.configuredType;
	}

	/**
	 * Open the socket on the calling thread, so that bind errors reach the caller, then hand it to
	 * its own thread.
	 */
	void start() {
		ZMQ.Socket opened = this.factory.open(this.definition);
		if (!this.correlating) {
			opened.setSendTimeOut((int) BLOCKED_SLICE_MILLIS);
		}
		this.socket = opened;
		this.waiter = new ZmqSocketWaiter(opened);
		this.running = true;
		Thread thread = new Thread(this::run, "zmq-template-" + this.name);
		thread.setDaemon(true);
		thread.start();
	}

	boolean isRunning() {
		return this.running && !this.failed;
	}

	/**
	 * Queue a message: a {@code byte[]} frame, a {@code byte[][]} multipart message or a
	 * {@link PendingRequest}.
	 */
	void enqueue(Object message) {
		Duration sendTimeout = this.sendTimeout;
		if (!isRunning()) {
			throw new ZmqSendException(this.name, "the socket is closed");
		}
		if (!this.queue.offer(message)) {
			try {
				if (!this.queue.offer(message, sendTimeout.toNanos())) {
					this.metrics.sendFailure(this.name, "timeout");
					throw new ZmqSendException(this.name, "no room to queue the message within " + sendTimeout.toMillis()
							+ " ms: peers are not taking messages (high-water mark reached or no peer connected)");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ZmqSendException(this.name, "interrupted while waiting for room to queue the message", ex);
			}
		}
		if (this.idle) {
			this.waiter.wakeupNow();
		}
		if (this.terminated.getCount() == 0) {
			// The socket closed while the message was being queued: it will never be sent
			this.metrics.sendFailure(this.name, "closed");
			throw new ZmqSendException(this.name, "the socket is closed");
		}
	}

	/**
	 * Stop taking messages: the thread delivers what is queued within the linger and closes the
	 * socket. Returns at once; see {@link #awaitStop(Duration)}.
	 */
	void enqueueStop() {
		this.running = false;
		ZmqSocketWaiter current = this.waiter;
		if (current != null) {
			current.wakeupNow();
		}
	}

	/**
	 * Wait for the thread to close the socket and end.
	 * @param timeout the longest wait
	 * @return whether the thread ended in time
	 */
	boolean awaitStop(Duration timeout) {
		try {
			return this.terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void run() {
		ZMQ.Socket owned = this.socket;
		try {
			loop(owned);
		}
		catch (RuntimeException | Error ex) {
			this.failed = true;
			this.metrics.sendFailure(this.name, "closed");
			logger.error("ZeroMQ template socket " + this.name + " failed and is closed: " + ex, ex);
		}
		finally {
			failRemaining(new ZmqException("Socket '" + this.name + "' closed before the request completed"));
			this.factory.close(this.definition, owned);
			this.waiter.close();
			this.terminated.countDown();
		}
	}

	private void loop(ZMQ.Socket owned) {
		long drainDeadline = 0;
		while (true) {
			if (!this.running) {
				if (drainDeadline == 0) {
					drainDeadline = System.nanoTime() + this.definition.options().lingerOrDefault().toNanos();
				}
				if (!hasOutbound() && this.correlator.isEmpty()) {
					return;
				}
				if (System.nanoTime() - drainDeadline >= 0) {
					dropRemaining();
					return;
				}
			}
			boolean worked = flushOutbound(owned);
			if (this.correlating) {
				worked |= receiveReplies(owned);
				expireRequests();
			}
			if (!worked) {
				// Callers wake this thread only while it waits for them, not while the socket is full
				this.idle = !this.blocked;
				try {
					this.waiter.await(waitMillis(drainDeadline), () -> hasWork(owned));
				}
				finally {
					this.idle = false;
				}
			}
		}
	}

	private boolean hasOutbound() {
		return this.pending != null || !this.queue.isEmpty();
	}

	private boolean hasWork(ZMQ.Socket owned) {
		if (!this.running && !hasOutbound() && this.correlator.isEmpty()) {
			return true;
		}
		if (!this.blocked && hasOutbound()) {
			return true;
		}
		int events = owned.getEvents();
		return (this.blocked && (events & ZMQ.Poller.POLLOUT) != 0)
				|| (this.correlating && (events & ZMQ.Poller.POLLIN) != 0);
	}

	private long waitMillis(long drainDeadline) {
		long wait = IDLE_WAIT_MILLIS;
		long now = System.nanoTime();
		long deadline = this.correlator.nextDeadline();
		if (deadline != Long.MAX_VALUE) {
			wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1);
		}
		if (drainDeadline != 0) {
			wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(drainDeadline - now) + 1);
		}
		return Math.max(1, wait);
	}

	private boolean flushOutbound(ZMQ.Socket owned) {
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
			if (next instanceof PendingRequest request && (request.future.isDone() || expired(request))) {
				continue;
			}
			boolean accepted;
			try {
				accepted = write(owned, next, ZMQ.DONTWAIT);
				if (!accepted && !this.correlating) {
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
		}
	}

	private boolean expired(PendingRequest request) {
		if (System.nanoTime() - request.deadlineNanos < 0) {
			return false;
		}
		if (request.future.completeExceptionally(new ZmqReplyTimeoutException(this.name, request.timeout))) {
			this.metrics.replyTimeout(this.name);
		}
		return true;
	}

	/**
	 * Write a message. With {@code firstFrameFlags} 0 the first frame waits up to the socket's
	 * internal send timeout slice inside JeroMQ, which wakes exactly when the pipe has room again;
	 * once a first frame is accepted the rest of the message always is.
	 */
	private boolean write(ZMQ.Socket owned, Object message, int firstFrameFlags) {
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
		PendingRequest request = (PendingRequest) message;
		if (!owned.send(this.correlator.nextCorrelation(), ZMQ.DONTWAIT | ZMQ.SNDMORE)) {
			return false;
		}
		owned.send(ZmqFrames.EMPTY, ZMQ.DONTWAIT | ZMQ.SNDMORE);
		List<byte[]> frames = request.frames;
		int last = frames.size() - 1;
		for (int i = 0; i < last; i++) {
			owned.send(frames.get(i), ZMQ.DONTWAIT | ZMQ.SNDMORE);
		}
		owned.send(frames.get(last), ZMQ.DONTWAIT);
		this.correlator.sent(request);
		return true;
	}

	private void rejected(Object message, ZMQException ex) {
		this.metrics.sendFailure(this.name, "rejected");
		ZmqSendException failure = new ZmqSendException(this.name, "ZeroMQ rejected the message: " + ex.getMessage(),
				ex);
		if (message instanceof PendingRequest request) {
			request.future.completeExceptionally(failure);
		}
		else {
			logger.warn("ZeroMQ socket " + this.name + " rejected a message: " + ex.getMessage());
		}
	}

	private boolean receiveReplies(ZMQ.Socket owned) {
		boolean received = false;
		List<byte[]> frames;
		while ((frames = ZmqFrames.receive(owned)) != null) {
			received = true;
			this.correlator.dispatch(frames);
		}
		return received;
	}

	private void expireRequests() {
		this.correlator.expire(System.nanoTime());
		if (this.pending instanceof PendingRequest request && expired(request)) {
			this.pending = null;
		}
	}

	private void dropRemaining() {
		int dropped = 0;
		Object message = this.pending;
		this.pending = null;
		if (message == null) {
			message = this.queue.poll();
		}
		while (message != null) {
			if (message instanceof PendingRequest request) {
				request.future.completeExceptionally(
						new ZmqSendException(this.name, "the socket closed before the request could be sent"));
			}
			dropped++;
			this.metrics.sendFailure(this.name, "shutdown");
			message = this.queue.poll();
		}
		if (dropped > 0) {
			int count = dropped;
			logger.warn(LogMessage.of(() -> "ZeroMQ socket " + this.name + " closed with " + count
					+ " message(s) it could not send within its linger"));
		}
	}

	private void failRemaining(ZmqException reason) {
		this.correlator.failAll(reason);
		if (this.pending instanceof PendingRequest request) {
			request.future.completeExceptionally(reason);
		}
		this.pending = null;
		Object message;
		while ((message = this.queue.poll()) != null) {
			if (message instanceof PendingRequest request) {
				request.future.completeExceptionally(reason);
			}
			else {
				this.metrics.sendFailure(this.name, "closed");
			}
		}
	}

}

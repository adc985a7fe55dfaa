package io.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.core.ZmqSocketWaiter;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * Receives messages on one socket and hands them to a {@link ZmqMessageListener}.
 * <p>
 * The socket is opened on {@link #start()} (so a bind error fails startup) and owned by one
 * thread for its whole life. With a concurrency of one that thread also runs the listener, the
 * fastest path. With more, it hands messages to that many worker threads through a bounded queue
 * and sends their replies; it stops reading when the workers fall behind, so the socket's
 * high-water mark applies back-pressure.
 * <p>
 * REP listeners run on a ROUTER socket that applies REP's envelope rule: they can serve many
 * requests at once and can never wedge, and a failed handler still answers with an
 * {@linkplain ZmqErrorReply error reply}.
 * <p>
 * Stopping lets the messages in hand finish. A PULL, SUB or XSUB listener first unbinds and
 * disconnects, then handles what its socket had already received (within the socket's linger),
 * so those messages are not lost. Then the socket closes. A container can be started again.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainer implements SmartLifecycle {

	/** The default lifecycle phase: started after and stopped before most other beans. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

	private static final Log logger = LogFactory.getLog(ZmqListenerContainer.class);

	private static final long IDLE_WAIT_MILLIS = 1000;

	/** How long a draining socket must stay empty before it is closed. */
	private static final long DRAIN_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final String id;

	private final ZmqSocketDefinition definition;

	private final ZmqMessageListener listener;

	private final ZmqSocketFactory socketFactory;

	private final Object lifecycleMonitor = new Object();

	private ZmqListenerErrorHandler errorHandler = new LoggingZmqListenerErrorHandler();

	private @Nullable ZmqMessageConverter replyConverter;

	private ZmqMetrics metrics = ZmqMetrics.NONE;

	private int concurrency = 1;

	private boolean autoStartup = true;

	private int phase = DEFAULT_PHASE;

	private Duration stopTimeout = Duration.ofSeconds(10);

	private volatile @Nullable Run run;

	public ZmqListenerContainer(String id, ZmqSocketDefinition definition, ZmqMessageListener listener,
			ZmqSocketFactory socketFactory) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(definition, "'definition' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.isTrue(definition.type().canReceive(),
				() -> "Listener '" + id + "' cannot receive on a " + definition.type() + " socket");
		this.id = id;
		this.definition = definition;
		this.listener = listener;
		this.socketFactory = socketFactory;
	}

	/**
	 * Return the listener id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the definition of the socket this container receives on.
	 * @return the definition
	 */
	public ZmqSocketDefinition getSocketDefinition() {
		return this.definition;
	}

	/**
	 * Return the endpoints the socket is bound or connected to while running, with wildcard ports
	 * resolved.
	 * @return the actual endpoints, empty when stopped
	 */
	public List<String> getActualEndpoints() {
		return this.socketFactory.getRegistry().getActualEndpoints(this.definition.name());
	}

	public void setErrorHandler(ZmqListenerErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
	}

	/**
	 * Set the converter for replies an error handler returns as objects.
	 * @param replyConverter the converter
	 */
	public void setReplyConverter(@Nullable ZmqMessageConverter replyConverter) {
		this.replyConverter = replyConverter;
	}

	public void setMetrics(ZmqMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Set how many threads handle messages.
	 * @param concurrency at least one
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, "'concurrency' must be at least 1");
		this.concurrency = concurrency;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public void setPhase(int phase) {
		this.phase = phase;
	}

	/**
	 * Set how long {@link #stop()} waits for the messages in hand.
	 * @param stopTimeout the timeout
	 */
	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			Run current = this.run;
			if (current != null && !current.isTerminated()) {
				if (current.running) {
					return;
				}
				current.awaitTermination(this.stopTimeout);
			}
			Run next = new Run();
			next.start();
			this.run = next;
		}
	}

	@Override
	public void stop() {
		Run current;
		synchronized (this.lifecycleMonitor) {
			current = this.run;
			if (current == null) {
				return;
			}
			current.requestStop(null);
		}
		if (!current.awaitTermination(this.stopTimeout)) {
			logger.warn("Listener '" + this.id + "' on socket " + this.definition.name() + " did not stop within "
					+ this.stopTimeout.toMillis() + " ms");
		}
	}

	@Override
	public void stop(Runnable callback) {
		synchronized (this.lifecycleMonitor) {
			Run current = this.run;
			if (current == null) {
				callback.run();
				return;
			}
			current.requestStop(callback);
		}
	}

	@Override
	public boolean isRunning() {
		Run current = this.run;
		return current != null && current.running;
	}

	/**
	 * One start-to-stop cycle: the socket, its thread and the workers.
	 */
	private final class Run {

		private final ZmqSocketDefinition socketDefinition;

		private final InboundParser parser;

		private final boolean drainOnStop;

		private final CountDownLatch terminated = new CountDownLatch(1);

		private final List<Runnable> callbacks = new ArrayList<>();

		volatile boolean running = true;

		private ZMQ.@Nullable Socket socket;

		private @Nullable ZmqSocketWaiter waiter;

		private @Nullable ListenerWorkers dispatcher;

		private final ListenerInvoker invoker;

		private List<String> actualEndpoints = List.of();

		Run() {
			ZmqSocketType type = ZmqListenerContainer.this.definition.type();
			this.socketDefinition = (type == ZmqSocketType.REP)
					? ZmqListenerContainer.this.definition.withType(ZmqSocketType.ROUTER)
					: ZmqListenerContainer.this.definition;
			this.parser = new InboundParser(ZmqListenerContainer.this.id, ZmqListenerContainer.this.definition.name(),
					type, ZmqListenerContainer.this.definition.topics());
			this.invoker = new ListenerInvoker(ZmqListenerContainer.this.id, ZmqListenerContainer.this.definition.name(),
					type, ZmqListenerContainer.this.listener, ZmqListenerContainer.this.errorHandler,
					ZmqListenerContainer.this.replyConverter, ZmqListenerContainer.this.metrics);
			this.drainOnStop = type == ZmqSocketType.PULL || type == ZmqSocketType.SUB || type == ZmqSocketType.XSUB;
		}

		void start() {
			ZMQ.Socket opened = ZmqListenerContainer.this.socketFactory.open(this.socketDefinition);
			if (this.socketDefinition.type() == ZmqSocketType.XSUB) {
				subscribe(opened, this.socketDefinition.topics());
			}
			this.socket = opened;
			this.waiter = new ZmqSocketWaiter(opened);
			this.actualEndpoints = ZmqListenerContainer.this.socketFactory.getRegistry()
				.getActualEndpoints(this.socketDefinition.name());
			if (ZmqListenerContainer.this.concurrency > 1) {
				this.dispatcher = new ListenerWorkers(this.invoker, this.waiter, ZmqListenerContainer.this.concurrency,
						"zmq-listener-" + ZmqListenerContainer.this.id);
			}
			Thread thread = new Thread(this::runSocket, "zmq-listener-" + ZmqListenerContainer.this.id);
			thread.setDaemon(true);
			thread.start();
		}

		/** An XSUB listener subscribes by sending {@code 0x01 + topic}; JeroMQ replays it to new peers. */
		private static void subscribe(ZMQ.Socket socket, List<String> topics) {
			for (String topic : topics.isEmpty() ? List.of("") : topics) {
				byte[] name = topic.getBytes(StandardCharsets.UTF_8);
				byte[] subscription = new byte[name.length + 1];
				subscription[0] = 1;
				System.arraycopy(name, 0, subscription, 1, name.length);
				socket.send(subscription, 0);
			}
		}

		boolean isTerminated() {
			return this.terminated.getCount() == 0;
		}

		void requestStop(@Nullable Runnable callback) {
			synchronized (this.callbacks) {
				if (callback != null) {
					if (isTerminated()) {
						callback.run();
						return;
					}
					this.callbacks.add(callback);
				}
			}
			this.running = false;
			this.waiter.wakeupNow();
		}

		boolean awaitTermination(Duration timeout) {
			try {
				return this.terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private void runSocket() {
			ZMQ.Socket owned = this.socket;
			try {
				if (this.dispatcher != null) {
					this.dispatcher.start();
				}
				receiveUntilStopped(owned);
				if (this.drainOnStop) {
					drain(owned);
				}
				if (this.dispatcher != null) {
					this.dispatcher.finish((reply) -> sendReply(owned, reply));
				}
			}
			catch (RuntimeException | Error ex) {
				logger.error("Listener '" + ZmqListenerContainer.this.id + "' on socket "
						+ ZmqListenerContainer.this.definition.name() + " stopped after a socket failure", ex);
			}
			finally {
				this.running = false;
				ZmqListenerContainer.this.socketFactory.close(this.socketDefinition, owned);
				this.waiter.close();
				List<Runnable> toRun;
				synchronized (this.callbacks) {
					this.terminated.countDown();
					toRun = new ArrayList<>(this.callbacks);
				}
				toRun.forEach(Runnable::run);
			}
		}

		private void receiveUntilStopped(ZMQ.Socket owned) {
			ListenerWorkers workers = this.dispatcher;
			while (this.running) {
				boolean worked = (workers != null) && workers.flushReplies((reply) -> sendReply(owned, reply));
				if (workers == null || workers.hasRoom()) {
					List<byte[]> frames = ZmqFrames.receive(owned);
					if (frames != null) {
						worked = true;
						accept(owned, frames);
					}
				}
				if (!worked) {
					if (workers != null) {
						workers.await(IDLE_WAIT_MILLIS, () -> !this.running || readyToReceive(owned));
					}
					else {
						this.waiter.await(IDLE_WAIT_MILLIS, () -> !this.running || readyToReceive(owned));
					}
				}
			}
		}

		private boolean readyToReceive(ZMQ.Socket owned) {
			ListenerWorkers workers = this.dispatcher;
			if (workers != null && workers.hasReplies()) {
				return true;
			}
			return (workers == null || workers.hasRoom()) && (owned.getEvents() & ZMQ.Poller.POLLIN) != 0;
		}

		private void accept(ZMQ.Socket owned, List<byte[]> frames) {
			ZmqInboundMessage message = this.parser.parse(frames);
			if (message == null) {
				String reason = this.parser.invalidReason(frames);
				ZmqListenerContainer.this.metrics.invalidMessage(this.socketDefinition.name(), reason);
				logger.warn(LogMessage.of(() -> "Listener '" + ZmqListenerContainer.this.id + "' on socket "
						+ this.socketDefinition.name() + " rejected a message of " + frames.size() + " frame(s): "
						+ reason));
				return;
			}
			ListenerWorkers workers = this.dispatcher;
			if (workers != null) {
				workers.submit(message);
				return;
			}
			List<byte[]> reply = this.invoker.process(message);
			if (reply != null) {
				sendReply(owned, reply);
			}
		}

		/** Unbind and disconnect, then handle what the socket already holds, within its linger. */
		private void drain(ZMQ.Socket owned) {
			List<io.zmqspring.core.ZmqEndpoint> configured = this.socketDefinition.endpoints();
			for (int i = 0; i < this.actualEndpoints.size() && i < configured.size(); i++) {
				String endpoint = this.actualEndpoints.get(i);
				try {
					if (configured.get(i).bind()) {
						owned.unbind(endpoint);
					}
					else {
						owned.disconnect(endpoint);
					}
				}
				catch (RuntimeException ex) {
					logger.debug(LogMessage.of(() -> "Could not detach " + endpoint + " before draining: " + ex));
				}
			}
			ListenerWorkers workers = this.dispatcher;
			long deadline = System.nanoTime() + this.socketDefinition.options().lingerOrDefault().toNanos();
			long quietSince = System.nanoTime();
			while (true) {
				long now = System.nanoTime();
				if (now - deadline >= 0 || now - quietSince >= DRAIN_QUIET_NANOS) {
					return;
				}
				if (workers != null && !workers.hasRoom()) {
					workers.await(10, workers::hasRoom);
					continue;
				}
				List<byte[]> frames = ZmqFrames.receive(owned);
				if (frames != null) {
					quietSince = System.nanoTime();
					accept(owned, frames);
					continue;
				}
				long quietLeft = DRAIN_QUIET_NANOS - (now - quietSince);
				this.waiter.await(TimeUnit.NANOSECONDS.toMillis(quietLeft) + 1,
						() -> (owned.getEvents() & ZMQ.Poller.POLLIN) != 0);
			}
		}

		void sendReply(ZMQ.Socket owned, List<byte[]> reply) {
			if (!ZmqFrames.send(owned, reply)) {
				ZmqListenerContainer.this.metrics.sendFailure(this.socketDefinition.name(), "reply-dropped");
				logger.warn(LogMessage.of(() -> "Listener '" + ZmqListenerContainer.this.id + "' on socket "
						+ this.socketDefinition.name() + " dropped a reply: the peer is not taking messages"));
			}
		}

	}

}

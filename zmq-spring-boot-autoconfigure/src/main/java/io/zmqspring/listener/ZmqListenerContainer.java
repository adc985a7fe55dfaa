package io.zmqspring.listener;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.event.ZmqEventPublisher;
import io.zmqspring.event.ZmqListenerContainerFailedEvent;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.observation.ZmqListenerObservationConvention;
import io.zmqspring.template.ZmqOperations;

/**
 * Receives messages on one socket and hands them to a {@link ZmqMessageListener}.
 * <p>
 * The socket is opened on {@link #start()} (so a bind error fails startup) and used through its
 * one {@link ZmqSocketOwner}, which the template shares: a ROUTER listener's socket can also send
 * to its clients. With a concurrency of one the owner's thread also runs the listener, the
 * fastest path. With more, it hands messages to that many workers from a {@link TaskExecutor}
 * through a bounded queue and sends their replies; it stops reading when the workers fall
 * behind, so the socket's high-water mark applies back-pressure. Neither an interrupt a handler
 * leaves behind nor an {@code Error} it throws stops the listener; a socket that fails is opened
 * again with back-off ({@link #getSocketState()}). While any container runs, the JVM stays alive.
 * <p>
 * REP listeners run on a ROUTER socket that applies REP's envelope rule: they can serve many
 * requests at once and can never wedge, and a failed handler still answers with an
 * {@linkplain ZmqErrorReply error reply}.
 * <p>
 * A listener may forward its return values to another socket instead of replying
 * ({@link #setForwardTo}, {@code @SendTo}), and may return a {@code CompletableFuture} or
 * {@code Mono}: the reply or forward happens when it completes, on the completing thread, which
 * hands it to the socket's owner; no worker waits meanwhile, and one that does not complete
 * within {@link #setAsyncReplyTimeout the timeout} answers with the error reply.
 * <p>
 * Stopping lets the messages in hand finish. A PULL, SUB or XSUB listener first unbinds and
 * disconnects, then handles what its socket had already received (within the socket's linger),
 * so those messages are not lost. Then the socket closes, unless the template still uses it. A
 * handler that does not return within the stop timeout is left behind: stopping never waits
 * longer. A container can be started again.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainer implements SmartLifecycle {

	/** The default lifecycle phase: started after and stopped before most other beans. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

	private final String id;

	private final ZmqSocketDefinition definition;

	private final ZmqMessageListener listener;

	private final ZmqSocketFactory socketFactory;

	private final Object lifecycleMonitor = new Object();

	private ZmqListenerErrorHandler errorHandler = new LoggingZmqListenerErrorHandler();

	private @Nullable ZmqMessageConverter replyConverter;

	private ZmqMetrics metrics = ZmqMetrics.NONE;

	private boolean timerEnabled;

	private ZmqEventPublisher eventPublisher = ZmqEventPublisher.NONE;

	private @Nullable ObservationRegistry observationRegistry;

	private @Nullable ZmqListenerObservationConvention observationConvention;

	private boolean queueGaugeRegistered;

	private int concurrency = 1;

	private boolean autoStartup = true;

	private int phase = DEFAULT_PHASE;

	private Duration stopTimeout = Duration.ofSeconds(10);

	private @Nullable TaskExecutor taskExecutor;

	private @Nullable ZmqBatchSettings batch;

	private ListenerOutput.@Nullable Forward forward;

	private Duration asyncReplyTimeout = ListenerInvoker.DEFAULT_ASYNC_TIMEOUT;

	private @Nullable ZmqDeliveryTracker deliveryTracker;

	private volatile @Nullable ListenerRun run;

	public ZmqListenerContainer(String id, ZmqSocketDefinition definition, ZmqMessageListener listener,
			ZmqSocketFactory socketFactory) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(definition, "'definition' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.isTrue(definition.type().isListenerType(),
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
	 * Set whether to time the processing of every message ({@code zmq.listener.duration}). Off by
	 * default: with it off, no per-message work is added.
	 * @param timerEnabled whether to time messages
	 */
	public void setTimerEnabled(boolean timerEnabled) {
		this.timerEnabled = timerEnabled;
	}

	/**
	 * Set the registry to observe every listener invocation with
	 * ({@link io.zmqspring.observation.ZmqListenerObservation}). Off by default; with it off, no
	 * per-message work is added.
	 * @param observationRegistry the registry, or {@code null} to observe nothing
	 */
	public void setObservationRegistry(@Nullable ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention that names observations and their keys, instead of
	 * {@link io.zmqspring.observation.DefaultZmqListenerObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable ZmqListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set where to hand the container's started and stopped events.
	 * @param eventPublisher the publisher
	 */
	public void setEventPublisher(ZmqEventPublisher eventPublisher) {
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		this.eventPublisher = eventPublisher;
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
	 * Set the executor that runs the handler workers when the concurrency is above one. By
	 * default each start uses a
	 * {@link org.springframework.core.task.SimpleAsyncTaskExecutor} of daemon threads named
	 * after the listener.
	 * @param taskExecutor the executor, or {@code null} for the default
	 */
	public void setTaskExecutor(@Nullable TaskExecutor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	/**
	 * Hand the listener batches instead of single messages. The listener must be a
	 * {@link ZmqBatchMessageListener} and the socket one that receives one way (SUB, XSUB, PULL,
	 * PAIR or DEALER): batch listeners send no replies.
	 * @param batch the batch settings, or {@code null} for single messages
	 */
	public void setBatch(@Nullable ZmqBatchSettings batch) {
		if (batch != null) {
			Assert.isInstanceOf(ZmqBatchMessageListener.class, this.listener,
					() -> "Listener '" + this.id + "' takes batches, so it must be a ZmqBatchMessageListener: ");
			Assert.isTrue(this.definition.type().supportsBatchListener(), () -> "Listener '" + this.id
					+ "' cannot take batches on a " + this.definition.type()
					+ " socket: it must reply to every request; batch listeners run on SUB, XSUB, PULL, PAIR and DEALER");
		}
		this.batch = batch;
	}

	/**
	 * Return the batch settings.
	 * @return the settings, or {@code null} when the listener takes single messages
	 */
	public @Nullable ZmqBatchSettings getBatch() {
		return this.batch;
	}

	/**
	 * Send the listener's return values to another socket instead of back to the peer
	 * ({@code @SendTo}).
	 * @param socket the name of a PUB, XPUB, PUSH, DEALER or PAIR socket, or {@code null} to
	 * reply as usual
	 * @param template what sends them
	 */
	public void setForwardTo(@Nullable String socket, @Nullable ZmqOperations template) {
		if (socket == null) {
			this.forward = null;
			return;
		}
		Assert.state(template != null, () -> "Listener '" + this.id + "' forwards to socket '" + socket
				+ "' (@SendTo) but no ZmqOperations is set to send with");
		Assert.isTrue(this.definition.type() != ZmqSocketType.REP, () -> "Listener '" + this.id
				+ "' receives on a REP socket, whose REQ clients wait for the reply; it cannot forward instead");
		this.forward = new ListenerOutput.Forward(socket, template);
	}

	/**
	 * Return the socket the listener forwards its return values to.
	 * @return the socket name, or {@code null} if it replies as usual
	 */
	public @Nullable String getForwardTo() {
		ListenerOutput.Forward current = this.forward;
		return (current != null) ? current.socket() : null;
	}

	/**
	 * Set how long a result the listener returns as a {@code CompletableFuture} or {@code Mono}
	 * may take; then the error reply is sent (REP, ROUTER) and the timeout counted. Default 30
	 * seconds.
	 * @param asyncReplyTimeout the timeout
	 */
	public void setAsyncReplyTimeout(Duration asyncReplyTimeout) {
		Assert.isTrue(!asyncReplyTimeout.isNegative() && !asyncReplyTimeout.isZero(),
				"'asyncReplyTimeout' must be positive");
		this.asyncReplyTimeout = asyncReplyTimeout;
	}

	/**
	 * Receive from durable outboxes: acknowledge their messages and hand each to the handler once.
	 * Needs a ROUTER, DEALER or PAIR socket and a listener of single messages.
	 * @param deliveryTracker the tracker, or {@code null} for none
	 */
	public void setDeliveryTracker(@Nullable ZmqDeliveryTracker deliveryTracker) {
		ZmqSocketType type = this.definition.type();
		Assert.isTrue(deliveryTracker == null || type == ZmqSocketType.ROUTER || type == ZmqSocketType.DEALER
				|| type == ZmqSocketType.PAIR, () -> "Listener '" + this.id + "' cannot acknowledge outbox messages on a "
						+ type + " socket (zmq.sockets." + this.definition.name() + ".outbox.dedup.enabled): use ROUTER, "
						+ "DEALER or PAIR");
		Assert.isTrue(deliveryTracker == null || this.batch == null, () -> "Listener '" + this.id
				+ "' takes batches, which cannot acknowledge outbox messages one by one (zmq.sockets."
				+ this.definition.name() + ".outbox.dedup.enabled)");
		this.deliveryTracker = deliveryTracker;
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
			ListenerRun current = this.run;
			if (current != null && !current.isTerminated()) {
				if (current.isRunning()) {
					return;
				}
				current.awaitTermination(this.stopTimeout);
			}
			ListenerRun next = new ListenerRun(this, this.id, this.definition, this.listener, this.socketFactory);
			try {
				next.start();
			}
			catch (RuntimeException ex) {
				this.eventPublisher.publish(new ZmqListenerContainerFailedEvent(this, this.id, this.definition.name(),
						this.definition.type(), ex));
				throw ex;
			}
			this.run = next;
		}
	}

	@Override
	public void stop() {
		ListenerRun current;
		synchronized (this.lifecycleMonitor) {
			current = this.run;
			if (current == null) {
				return;
			}
			current.requestStop(null);
		}
		current.awaitTermination(this.stopTimeout.plusMillis(100));
	}

	@Override
	public void stop(Runnable callback) {
		synchronized (this.lifecycleMonitor) {
			ListenerRun current = this.run;
			if (current == null) {
				callback.run();
				return;
			}
			current.requestStop(callback);
		}
	}

	@Override
	public boolean isRunning() {
		ListenerRun current = this.run;
		return current != null && current.isRunning();
	}

	/**
	 * Return how many messages wait for a handler worker (concurrency above one).
	 * @return the messages waiting, 0 when stopped or with a concurrency of one
	 */
	public int getQueueSize() {
		ListenerRun current = this.run;
		ListenerWorkers<?> workers = (current != null) ? current.workers() : null;
		return (workers != null) ? workers.queueSize() : 0;
	}

	/**
	 * Return the state of the socket while the container runs: {@code REOPENING} after a socket
	 * failure, until it is open again.
	 * @return the socket's state, {@code CLOSED} when the container is stopped
	 */
	public ZmqSocketOwner.State getSocketState() {
		ListenerRun current = this.run;
		return (current != null && current.isRunning()) ? current.owner().getState() : ZmqSocketOwner.State.CLOSED;
	}

	ZmqListenerErrorHandler errorHandler() {
		return this.errorHandler;
	}

	@Nullable ZmqMessageConverter replyConverter() {
		return this.replyConverter;
	}

	ZmqMetrics metrics() {
		return this.metrics;
	}

	boolean timerEnabled() {
		return this.timerEnabled;
	}

	ZmqEventPublisher eventPublisher() {
		return this.eventPublisher;
	}

	@Nullable ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	@Nullable ZmqListenerObservationConvention observationConvention() {
		return this.observationConvention;
	}

	int concurrency() {
		return this.concurrency;
	}

	Duration stopTimeout() {
		return this.stopTimeout;
	}

	@Nullable TaskExecutor taskExecutor() {
		return this.taskExecutor;
	}

	@Nullable ZmqBatchSettings batch() {
		return this.batch;
	}

	ListenerOutput.@Nullable Forward forward() {
		return this.forward;
	}

	Duration asyncReplyTimeout() {
		return this.asyncReplyTimeout;
	}

	@Nullable ZmqDeliveryTracker deliveryTracker() {
		return this.deliveryTracker;
	}

	/** Register the gauge of {@link #getQueueSize()} once, at the first start with workers. */
	void registerQueueGauge() {
		if (!this.queueGaugeRegistered) {
			this.queueGaugeRegistered = true;
			this.metrics.listenerQueue(this.id, this.definition.name(), this::getQueueSize);
		}
	}

}

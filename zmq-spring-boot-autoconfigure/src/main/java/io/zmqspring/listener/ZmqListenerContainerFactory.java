package io.zmqspring.listener;

import java.time.Duration;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.event.ZmqEventPublisher;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.observation.ZmqListenerObservationConvention;
import io.zmqspring.template.ZmqOperations;

/**
 * Creates a {@link ZmqListenerContainer} for each {@link ZmqListenerEndpoint}, with the shared
 * settings: error handler, metrics, reply converter, phase and stop timeout. Declare a bean of
 * this type to change them for every listener.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainerFactory {

	private final ZmqSocketFactory socketFactory;

	private ZmqListenerErrorHandler errorHandler = new LoggingZmqListenerErrorHandler();

	private ZmqMetrics metrics = ZmqMetrics.NONE;

	private @Nullable ZmqMessageConverter replyConverter;

	private int phase = ZmqListenerContainer.DEFAULT_PHASE;

	private Duration stopTimeout = Duration.ofSeconds(10);

	private @Nullable TaskExecutor taskExecutor;

	private boolean virtualThreads;

	private boolean timerEnabled;

	private ZmqEventPublisher eventPublisher = ZmqEventPublisher.NONE;

	private boolean observationEnabled;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ZmqListenerObservationConvention observationConvention;

	private @Nullable ZmqOperations replyTemplate;

	private Duration asyncReplyTimeout = ListenerInvoker.DEFAULT_ASYNC_TIMEOUT;

	private Function<String, @Nullable ZmqDeliveryTracker> deliveryTrackers = ZmqDeliveryTracker.NONE;

	public ZmqListenerContainerFactory(ZmqSocketFactory socketFactory) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		this.socketFactory = socketFactory;
	}

	public ZmqSocketFactory getSocketFactory() {
		return this.socketFactory;
	}

	/**
	 * Set the error handler for listeners that do not name their own.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(ZmqListenerErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
	}

	public void setMetrics(ZmqMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Set whether listeners time the processing of every message ({@code zmq.listener.duration}).
	 * @param timerEnabled whether to time messages
	 */
	public void setTimerEnabled(boolean timerEnabled) {
		this.timerEnabled = timerEnabled;
	}

	/**
	 * Set whether listeners observe every invocation
	 * ({@link io.zmqspring.observation.ZmqListenerObservation}). Off by default; with it off, no
	 * per-message work is added.
	 * @param observationEnabled whether to observe
	 */
	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	/**
	 * Set the registry observations are made with, when they are enabled.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention that names listener observations and their keys, instead of
	 * {@link io.zmqspring.observation.DefaultZmqListenerObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable ZmqListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set where containers hand their started and stopped events.
	 * @param eventPublisher the publisher
	 */
	public void setEventPublisher(ZmqEventPublisher eventPublisher) {
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Set what sends the return values of listeners that forward them to another socket
	 * ({@code @SendTo}); the auto-configuration sets the application's {@code ZmqTemplate}.
	 * @param replyTemplate the template, or {@code null} if no listener forwards
	 */
	public void setReplyTemplate(@Nullable ZmqOperations replyTemplate) {
		this.replyTemplate = replyTemplate;
	}

	/**
	 * Set how long a result that a listener returns as a {@code CompletableFuture} or
	 * {@code Mono} may take, for listeners that set no timeout of their own; then REP and ROUTER
	 * listeners send the error reply, and the timeout is counted.
	 * @param asyncReplyTimeout the timeout, default 30 seconds
	 */
	public void setAsyncReplyTimeout(Duration asyncReplyTimeout) {
		Assert.isTrue(!asyncReplyTimeout.isNegative() && !asyncReplyTimeout.isZero(),
				"'asyncReplyTimeout' must be positive");
		this.asyncReplyTimeout = asyncReplyTimeout;
	}

	public void setReplyConverter(@Nullable ZmqMessageConverter replyConverter) {
		this.replyConverter = replyConverter;
	}

	public void setPhase(int phase) {
		this.phase = phase;
	}

	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Return how long stopping a container waits for the messages in hand.
	 * @return the stop timeout
	 */
	public Duration getStopTimeout() {
		return this.stopTimeout;
	}

	/**
	 * Set the executor that runs every listener's handler workers (concurrency above one). By
	 * default each listener gets its own {@link org.springframework.core.task.SimpleAsyncTaskExecutor}, named after it.
	 * @param taskExecutor the executor, or {@code null} for the default
	 */
	public void setTaskExecutor(@Nullable TaskExecutor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	/**
	 * Set whether the default executors run handler workers on virtual threads (Java 21 and
	 * later). Socket owners always stay platform threads.
	 * @param virtualThreads whether to use virtual threads
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	/**
	 * Set how listeners find the receiving end of durable outboxes on their socket.
	 * @param deliveryTrackers the tracker of a socket, by its name, or {@code null} for none
	 */
	public void setDeliveryTrackers(Function<String, @Nullable ZmqDeliveryTracker> deliveryTrackers) {
		this.deliveryTrackers = deliveryTrackers;
	}

	/**
	 * Create a container for an endpoint.
	 * @param endpoint the endpoint
	 * @return the container, not started
	 */
	public ZmqListenerContainer createContainer(ZmqListenerEndpoint endpoint) {
		ZmqListenerContainer container = new ZmqListenerContainer(endpoint.getId(), endpoint.getSocket(),
				endpoint.getListener(), this.socketFactory);
		container.setErrorHandler((endpoint.getErrorHandler() != null) ? endpoint.getErrorHandler() : this.errorHandler);
		container.setMetrics(this.metrics);
		container.setTimerEnabled(this.timerEnabled);
		container.setEventPublisher(this.eventPublisher);
		container.setObservationRegistry(this.observationEnabled ? this.observationRegistry : null);
		container.setObservationConvention(this.observationConvention);
		container.setReplyConverter(this.replyConverter);
		container.setConcurrency(endpoint.getConcurrency());
		container.setBatch(endpoint.getBatch());
		container.setAutoStartup(endpoint.isAutoStartup());
		container.setPhase(this.phase);
		container.setStopTimeout(this.stopTimeout);
		container.setTaskExecutor((this.taskExecutor != null) ? this.taskExecutor : defaultExecutor(endpoint.getId()));
		container.setAsyncReplyTimeout((endpoint.getAsyncReplyTimeout() != null) ? endpoint.getAsyncReplyTimeout()
				: this.asyncReplyTimeout);
		container.setForwardTo(endpoint.getSendTo(), this.replyTemplate);
		container.setDeliveryTracker(this.deliveryTrackers.apply(endpoint.getSocket().name()));
		return container;
	}

	private @Nullable TaskExecutor defaultExecutor(String id) {
		return this.virtualThreads ? ListenerWorkers.defaultExecutor(id, true) : null;
	}

}

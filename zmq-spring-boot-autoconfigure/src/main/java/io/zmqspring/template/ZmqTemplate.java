package io.zmqspring.template;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketOwners;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.observation.ZmqTemplateObservationConvention;

/**
 * The default {@link ZmqOperations}: sends and request-reply over the sockets configured under
 * {@code zmq.sockets}.
 * <p>
 * Each socket is used through its one {@link ZmqSocketOwner}, fed through a bounded queue, so any
 * number of callers can share the template. A socket a listener receives on is the same socket
 * here: the template can send to a ROUTER listener's clients or on a DEALER listener's
 * connection. REQ and DEALER sockets are run as a
 * correlating DEALER: every request carries a correlation frame and the empty delimiter, which
 * REP and ROUTER servers echo back, so many requests can be in flight over one connection and a
 * timed-out request never wedges the socket.
 * <p>
 * Objects are converted by the socket's content type ({@link #setContentTypes}), JSON unless
 * configured otherwise; on a socket with the header frame enabled, the content type they were
 * written in travels in a {@code contentType} header.
 * <p>
 * As a {@link SmartLifecycle} the template opens its sockets on start, so bind errors fail the
 * application's startup, and closes them on stop, after the listener containers, delivering what
 * is queued within each socket's linger. Opening a publisher early does not make its subscribers
 * subscribe any sooner: what a PUB sends before a subscription has arrived is dropped (the
 * slow-joiner problem). A publishing socket given a {@link ZmqSubscriberWait} runs as an XPUB that
 * counts the subscriptions it receives, and its first send waits for them; see
 * {@link #awaitSubscribers(String, int, Duration)}.
 *
 * @author zmq-spring-boot
 */
public class ZmqTemplate implements ZmqOperations, SmartLifecycle {

	/** The lifecycle phase: started before and stopped after the listener containers. */
	public static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Log logger = LogFactory.getLog(ZmqTemplate.class);

	private final ZmqSocketFactory socketFactory;

	private final ZmqMessageConverter messageConverter;

	private final CompositeZmqMessageConverter converters;

	private ZmqContentTypes contentTypes = ZmqContentTypes.NONE;

	private final Map<String, ZmqSocketOwner> sockets = new ConcurrentHashMap<>();

	private final Map<String, CorrelatingReceiver> correlations = new ConcurrentHashMap<>();

	private final Map<String, SubscriptionTracker> subscriptions = new ConcurrentHashMap<>();

	private Map<String, ZmqSubscriberWait> subscriberWaits = Map.of();

	private final Map<String, ZmqRequestPolicy> requestPolicies = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private @Nullable String defaultSocket;

	private Duration replyTimeout = Duration.ofSeconds(5);

	private Duration stopTimeout = Duration.ofSeconds(5);

	private ZmqMetrics metrics = ZmqMetrics.NONE;

	private Predicate<String> openOnStart = (name) -> true;

	private boolean observationEnabled;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ZmqTemplateObservationConvention observationConvention;

	/** Set while some sockets have a durable outbox; {@code null} (the default) costs one field read. */
	private @Nullable ZmqDurableSends durableSends;

	/** Set while observations are on; {@code null} (the default) costs one field read per send. */
	private @Nullable TemplateObservations observations;

	private volatile boolean stopped;

	private volatile boolean running;

	public ZmqTemplate(ZmqSocketFactory socketFactory, ZmqMessageConverter messageConverter) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.socketFactory = socketFactory;
		this.messageConverter = messageConverter;
		this.converters = CompositeZmqMessageConverter.of(messageConverter);
	}

	/**
	 * Set the content type each socket converts objects with.
	 * @param contentTypes the content types by socket
	 */
	public void setContentTypes(ZmqContentTypes contentTypes) {
		Assert.notNull(contentTypes, "'contentTypes' must not be null");
		this.contentTypes = contentTypes;
	}

	/**
	 * Set the socket used by the methods without a socket name.
	 * @param defaultSocket the socket name
	 */
	public void setDefaultSocket(@Nullable String defaultSocket) {
		this.defaultSocket = defaultSocket;
	}

	/**
	 * Set the reply timeout used when none is given.
	 * @param replyTimeout the timeout
	 */
	public void setReplyTimeout(Duration replyTimeout) {
		Assert.isTrue(!replyTimeout.isNegative() && !replyTimeout.isZero(), "'replyTimeout' must be positive");
		this.replyTimeout = replyTimeout;
	}

	/**
	 * Return the reply timeout used when none is given.
	 * @return the timeout
	 */
	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	/**
	 * Set how request-reply runs on a socket: retries of a try without reply, and failing fast
	 * while no peer is connected. Takes effect the next time the socket is opened for requests.
	 * @param socket the name of a REQ or DEALER socket
	 * @param policy the policy
	 */
	public void setRequestPolicy(String socket, ZmqRequestPolicy policy) {
		Assert.hasText(socket, "'socket' must not be empty");
		Assert.notNull(policy, "'policy' must not be null");
		this.requestPolicies.put(socket, policy);
	}

	/**
	 * Set the longest wait for each socket's thread on stop.
	 * @param stopTimeout the timeout
	 */
	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Set the metrics to record failures with.
	 * @param metrics the metrics
	 */
	public void setMetrics(ZmqMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Set whether sends and requests are observed ({@link io.zmqspring.observation.ZmqTemplateObservation}).
	 * Off by default; with it off, a send does no observation work at all.
	 * @param observationEnabled whether to observe
	 */
	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
		updateObservations();
	}

	/**
	 * Set the registry observations are made with, when they are enabled.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
		updateObservations();
	}

	/**
	 * Set the convention that names observations and their keys, instead of
	 * {@link io.zmqspring.observation.DefaultZmqTemplateObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable ZmqTemplateObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		updateObservations();
	}

	private void updateObservations() {
		this.observations = this.observationEnabled
				? new TemplateObservations(this.observationRegistry, this.observationConvention) : null;
	}

	/**
	 * Set where the messages of sockets with a durable outbox go instead of straight to the
	 * socket: a send on such a socket returns once the message is stored.
	 * @param durableSends the outboxes, or {@code null} for none
	 */
	public void setDurableSends(@Nullable ZmqDurableSends durableSends) {
		this.durableSends = durableSends;
	}

	/**
	 * Set which sending sockets are opened on start; others open on first use. Sockets a listener
	 * receives on are excluded here: the template shares the listener's socket on first use.
	 * @param openOnStart a filter on socket names
	 */
	public void setOpenOnStart(Predicate<String> openOnStart) {
		this.openOnStart = openOnStart;
	}

	/**
	 * Set the publishing sockets whose first send waits for their subscribers. Each runs as an
	 * XPUB (a PUB socket too: XPUB is wire-compatible with every SUB peer) that counts the
	 * subscriptions it receives; set {@code XPUB_VERBOSER} on it before it binds (the
	 * auto-configuration does) so that every subscription is counted.
	 * @param subscriberWaits the waits, by socket name
	 */
	public void setSubscriberWaits(Map<String, ZmqSubscriberWait> subscriberWaits) {
		this.subscriberWaits = Map.copyOf(subscriberWaits);
	}

	/**
	 * Return the message converter.
	 * @return the converter
	 */
	public ZmqMessageConverter getMessageConverter() {
		return this.messageConverter;
	}

	@Override
	public void send(byte[] payload) {
		send(requiredDefaultSocket(), payload);
	}

	@Override
	public boolean awaitSubscribers(String socket, int count, Duration timeout) {
		Assert.isTrue(count >= 0, "'count' must not be negative");
		use(socket);
		SubscriptionTracker tracker = this.subscriptions.get(socket);
		if (tracker == null) {
			throw new ZmqException("Socket '" + socket + "' does not count its subscribers; set zmq.sockets." + socket
					+ ".wait-for-subscribers (0 counts without holding the first send) on a PUB or XPUB socket");
		}
		return tracker.await(count, timeout);
	}

	@Override
	public void send(String socket, byte[] payload) {
		Assert.notNull(payload, "'payload' must not be null");
		send(sendingSocket(socket), null, payload);
	}

	@Override
	public void send(String socket, String topic, byte[] payload) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = sendingSocket(socket);
		requirePublisher(socket, target);
		send(target, topic, new byte[][] { topic.getBytes(StandardCharsets.UTF_8), payload });
	}

	@Override
	public void send(String socket, @Nullable String topic, Map<String, String> headers, byte[] payload) {
		Assert.notNull(headers, "'headers' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = sendingSocket(socket);
		if (topic != null) {
			requirePublisher(socket, target);
		}
		send(target, topic, MessageFrames.outbound(null, topic, headersOf(target), headers, payload));
	}

	@Override
	public void send(String socket, Message<?> message) {
		Assert.notNull(message, "'message' must not be null");
		ZmqSocketOwner target = sendingSocket(socket);
		ZmqSocketType type = target.getDefinition().type();
		byte[] routingId = (type == ZmqSocketType.ROUTER) ? MessageFrames.routingId(socket, message) : null;
		String topic = type.isPublisher() ? message.getHeaders().get(ZmqHeaders.TOPIC, String.class) : null;
		send(target, topic, outbound(socket, routingId, topic, headersOf(target), message));
	}

	@Override
	public void sendFrames(String socket, List<byte[]> frames) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		ZmqSocketOwner target = sendingSocket(socket);
		singleFrameOnly(target, frames);
		send(target, null, frames.toArray(new byte[0][]));
	}

	/**
	 * Hand a message (a payload or frames ending with one) to its socket's owner; observed when
	 * observations are on, with the trace headers in its header frame when the socket has one.
	 */
	private void send(ZmqSocketOwner target, @Nullable String topic, Object message) {
		TemplateObservations observing = this.observations;
		if (observing == null) {
			handOver(target, message);
			return;
		}
		observing.send(target, topic,
				(message instanceof byte[] payload) ? new byte[][] { payload } : (byte[][]) message, this::handOver);
	}

	/** Hand a message to the socket's durable outbox, if it has one, else to its owner. */
	private void handOver(ZmqSocketOwner target, Object message) {
		ZmqDurableSends durable = this.durableSends;
		if (durable == null || !durable.send(target, message)) {
			target.send(message);
		}
	}

	private void handOverBatch(ZmqSocketOwner target, Object[] messages) {
		ZmqDurableSends durable = this.durableSends;
		if (durable == null || !durable.sendBatch(target, messages)) {
			target.sendBatch(messages);
		}
	}

	@Override
	public void convertAndSend(Object payload) {
		convertAndSend(requiredDefaultSocket(), payload);
	}

	@Override
	public void convertAndSend(String socket, Object payload) {
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = sendingSocket(socket);
		send(target, null, converted(socket, target, null, payload));
	}

	@Override
	public void convertAndSend(String socket, String topic, Object payload) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = sendingSocket(socket);
		requirePublisher(socket, target);
		send(target, topic, converted(socket, target, topic, payload));
	}

	@Override
	public void sendBatch(String socket, List<byte[]> payloads) {
		Assert.noNullElements(payloads, "'payloads' must not contain null");
		if (!payloads.isEmpty()) {
			handOverBatch(sendingSocket(socket), payloads.toArray());
		}
	}

	@Override
	public void convertAndSendBatch(String socket, List<?> payloads) {
		Assert.noNullElements(payloads, "'payloads' must not contain null");
		if (payloads.isEmpty()) {
			return;
		}
		ZmqSocketOwner target = sendingSocket(socket);
		Object[] messages = new Object[payloads.size()];
		for (int i = 0; i < messages.length; i++) {
			messages[i] = converted(socket, target, null, payloads.get(i));
		}
		handOverBatch(target, messages);
	}

	/**
	 * Convert a payload by the socket's content type into what the socket's owner sends: the
	 * bytes alone, or frames with the topic and, on a socket with the header frame enabled, the
	 * content type the converter wrote.
	 */
	private Object converted(String socket, ZmqSocketOwner target, @Nullable String topic, Object payload) {
		ZmqMessageConverter writer = this.converters.writerFor(payload, this.contentTypes.forSocket(socket));
		byte[] bytes = writer.toBytes(payload);
		ZmqHeaderSettings settings = headersOf(target);
		List<MimeType> written = writer.getContentTypes();
		if (settings.enabled() && !written.isEmpty()) {
			return MessageFrames.outbound(null, topic, settings,
					Map.of(MessageHeaders.CONTENT_TYPE, written.get(0).toString()), bytes);
		}
		return (topic != null) ? new byte[][] { topic.getBytes(StandardCharsets.UTF_8), bytes } : bytes;
	}

	@Override
	public byte[] sendAndReceive(String socket, byte[] request) {
		return sendAndReceive(socket, request, this.replyTimeout);
	}

	@Override
	public byte[] sendAndReceive(String socket, byte[] request, Duration timeout) {
		List<byte[]> reply = await(socket, sendAndReceiveAsync(socket, List.of(request), timeout), timeout);
		return reply.get(reply.size() - 1);
	}

	@Override
	public <T> @Nullable T convertSendAndReceive(String socket, Object request, Class<T> replyType) {
		List<byte[]> reply = await(socket, convertSendAndReceiveFrames(socket, request), this.replyTimeout);
		return replyType.cast(this.converters.fromBytes(reply.get(reply.size() - 1), replyType,
				this.contentTypes.forSocket(socket)));
	}

	/** Send a request converted by the socket's content type; the reply is read with it too. */
	private CompletableFuture<List<byte[]>> convertSendAndReceiveFrames(String socket, Object request) {
		Assert.notNull(request, "'request' must not be null");
		Object frames = converted(socket, use(socket), null, request);
		return sendAndReceiveAsync(socket,
				(frames instanceof byte[] bytes) ? List.of(bytes) : List.of((byte[][]) frames), this.replyTimeout);
	}

	@Override
	public CompletableFuture<List<byte[]>> sendAndReceiveAsync(String socket, List<byte[]> frames, Duration timeout) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		ZmqSocketOwner[] owner = new ZmqSocketOwner[1];
		CorrelatingReceiver correlation = requestSocket(socket, owner);
		singleFrameOnly(owner[0], frames);
		TemplateObservations observing = this.observations;
		if (observing != null) {
			return observing.request(owner[0], frames,
					(traced) -> correlation.request(owner[0], List.copyOf(traced), timeout));
		}
		return correlation.request(owner[0], List.copyOf(frames), timeout);
	}

	@Override
	public CompletableFuture<byte[]> sendAndReceiveAsync(String socket, byte[] request) {
		return sendAndReceiveAsync(socket, List.of(request), this.replyTimeout)
			.thenApply((reply) -> reply.get(reply.size() - 1));
	}

	@Override
	public <T> CompletableFuture<@Nullable T> convertSendAndReceiveAsync(String socket, Object request,
			Class<T> replyType) {
		MimeType contentType = this.contentTypes.forSocket(socket);
		return convertSendAndReceiveFrames(socket, request).thenApply((reply) -> replyType
			.cast(this.converters.fromBytes(reply.get(reply.size() - 1), replyType, contentType)));
	}

	@Override
	public CompletableFuture<Message<byte[]>> sendAndReceiveAsync(String socket, Message<?> request,
			Duration timeout) {
		Assert.notNull(request, "'request' must not be null");
		ZmqHeaderSettings settings = use(socket).getDefinition().options().headers();
		byte[][] frames = outbound(socket, null, null, settings, request);
		return sendAndReceiveAsync(socket, List.of(frames), timeout)
			.thenApply((reply) -> MessageFrames.reply(socket, settings, reply, this.metrics));
	}

	/**
	 * Lay out a Spring message: its payload as is ({@code byte[]}) or converted by its own
	 * {@code contentType} header, else the socket's content type; a converted payload's content
	 * type is added to the headers when the message names none.
	 */
	private byte[][] outbound(String socket, byte @Nullable [] routingId, @Nullable String topic,
			ZmqHeaderSettings settings, Message<?> message) {
		Object payload = message.getPayload();
		MessageHeaders headers = message.getHeaders();
		if (payload instanceof byte[] bytes) {
			return MessageFrames.outbound(routingId, topic, settings, headers, bytes);
		}
		MimeType asked = ZmqContentTypes.fromHeader(headers.get(MessageHeaders.CONTENT_TYPE));
		ZmqMessageConverter writer = this.converters.writerFor(payload,
				(asked != null) ? asked : this.contentTypes.forSocket(socket));
		byte[] bytes = writer.toBytes(payload);
		List<MimeType> written = writer.getContentTypes();
		if (asked != null || written.isEmpty() || !settings.enabled()) {
			return MessageFrames.outbound(routingId, topic, settings, headers, bytes);
		}
		Map<String, Object> withContentType = new java.util.LinkedHashMap<>(headers);
		withContentType.put(MessageHeaders.CONTENT_TYPE, written.get(0).toString());
		return MessageFrames.outbound(routingId, topic, settings, withContentType, bytes);
	}

	private static ZmqHeaderSettings headersOf(ZmqSocketOwner owner) {
		return owner.getDefinition().options().headers();
	}

	private static void requirePublisher(String socket, ZmqSocketOwner target) {
		ZmqSocketType type = target.getDefinition().type();
		if (!type.isPublisher()) {
			throw new ZmqSendException(socket,
					"a topic can only be sent on a PUB or XPUB socket, but this socket is " + type);
		}
	}

	/**
	 * Return the endpoints a template socket is bound or connected to.
	 * @param socket the socket name
	 * @return the actual endpoints
	 */
	public List<String> getActualEndpoints(String socket) {
		return this.socketFactory.getRegistry().getActualEndpoints(socket);
	}

	private List<byte[]> await(String socket, CompletableFuture<List<byte[]>> future, Duration timeout) {
		try {
			return future.get(timeout.toMillis() + this.stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(false);
			throw new ZmqException("Interrupted while waiting for a reply on socket '" + socket + "'", ex);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new ZmqReplyTimeoutException(socket, timeout);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				runtime.addSuppressed(new ZmqException("Caller of sendAndReceive on socket '" + socket + "'"));
				throw runtime;
			}
			throw new ZmqException("Request on socket '" + socket + "' failed", ex.getCause());
		}
	}

	private static void singleFrameOnly(ZmqSocketOwner owner, List<byte[]> frames) {
		ZmqSocketType type = owner.getDefinition().type();
		if (frames.size() > 1 && type.isSingleFrame()) {
			throw new ZmqSendException(owner.getName(), "a " + type + " socket carries one frame per message, not "
					+ frames.size());
		}
	}

	private String requiredDefaultSocket() {
		String name = this.defaultSocket;
		if (name == null) {
			throw new ZmqException("No default socket is set (zmq.template.default-socket); name the socket to use");
		}
		return name;
	}

	private ZmqSocketOwner sendingSocket(String name) {
		ZmqSocketOwner owner = use(name);
		ZmqSocketType type = owner.getDefinition().type();
		if (!type.isOneWaySender()) {
			throw new ZmqSendException(name, "the template cannot send on a " + type
					+ " socket; use PUB, XPUB, PUSH, DEALER, ROUTER, PAIR, XSUB or CLIENT, or sendAndReceive for REQ");
		}
		if (!this.subscriberWaits.isEmpty()) {
			SubscriptionTracker tracker = this.subscriptions.get(name);
			if (tracker != null) {
				tracker.awaitFirstSend();
			}
		}
		return owner;
	}

	private CorrelatingReceiver requestSocket(String name, ZmqSocketOwner[] owner) {
		owner[0] = use(name);
		ZmqSocketType type = owner[0].getDefinition().type();
		if (!type.isRequester()) {
			throw new ZmqSendException(name,
					"request-reply needs a REQ, DEALER or CLIENT socket, but this socket is " + type);
		}
		CorrelatingReceiver existing = this.correlations.get(name);
		if (existing != null) {
			return existing;
		}
		synchronized (this.lifecycleMonitor) {
			return this.correlations.computeIfAbsent(name, (key) -> {
				ZmqSocketStats stats = owner[0].getStats();
				CorrelatingReceiver correlation = new CorrelatingReceiver(name, this.metrics,
						this.requestPolicies.getOrDefault(name, ZmqRequestPolicy.DEFAULT),
						() -> stats.getGreetedConnections() == 0 && stats.wasGreeted(), type.isSingleFrame());
				try {
					owner[0].attach(correlation);
				}
				catch (IllegalStateException ex) {
					ZmqDurableSends durable = this.durableSends;
					if (durable != null && durable.hasOutbox(name)) {
						throw new ZmqSendException(name, "the socket has a durable outbox, whose acknowledgements arrive "
								+ "on it; request-reply needs a REQ or DEALER socket of its own");
					}
					throw new ZmqSendException(name, "the socket is used by a listener, which receives what arrives on "
							+ "it; request-reply needs a REQ or DEALER socket of its own");
				}
				return correlation;
			});
		}
	}

	/** Return the owner of a socket, sharing the one a listener may already run. */
	private ZmqSocketOwner use(String name) {
		ZmqSocketOwner owner = this.sockets.get(name);
		if (owner != null && owner.isOpen()) {
			return owner;
		}
		synchronized (this.lifecycleMonitor) {
			if (this.stopped) {
				throw new ZmqSendException(name, "the template is stopped");
			}
			owner = this.sockets.get(name);
			if (owner != null && owner.isOpen()) {
				return owner;
			}
			if (owner != null) {
				// It closed under us (the context is closing): forget it
				this.sockets.remove(name);
				this.correlations.remove(name);
				this.subscriptions.remove(name);
			}
			ZmqSocketDefinition definition = this.socketFactory.getRegistry().findDefinition(name);
			if (definition == null) {
				ZmqSocketOwner running = this.socketFactory.getOwners().find(name);
				if (running == null) {
					// Throws the usual "no such socket" error
					definition = this.socketFactory.getRegistry().getDefinition(name);
				}
				else {
					definition = running.getDefinition();
				}
			}
			ZmqSubscriberWait wait = this.subscriberWaits.get(name);
			if (wait != null && definition.type() == ZmqSocketType.PUB) {
				definition = definition.withType(ZmqSocketType.XPUB);
			}
			ZmqSocketOwner acquired = this.socketFactory.getOwners().acquire(definition);
			if (wait != null && acquired.getDefinition().type() == ZmqSocketType.XPUB) {
				SubscriptionTracker tracker = new SubscriptionTracker(name, wait);
				acquired.attach(tracker);
				this.subscriptions.put(name, tracker);
			}
			this.sockets.put(name, acquired);
			return acquired;
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.stopped = false;
			try {
				for (ZmqSocketDefinition definition : this.socketFactory.getRegistry().getDefinitions().values()) {
					ZmqSocketType type = definition.type();
					if ((type.isOneWaySender() || type.isRequester()) && this.openOnStart.test(definition.name())) {
						use(definition.name());
					}
				}
			}
			catch (RuntimeException ex) {
				closeSockets();
				throw ex;
			}
			this.running = true;
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			this.stopped = true;
			this.running = false;
			closeSockets();
		}
	}

	/** Release every socket; wait for those that close now, in parallel, under one deadline. */
	private void closeSockets() {
		List<ZmqSocketOwner> closing = new ArrayList<>();
		for (ZmqSocketOwner owner : this.sockets.values()) {
			if (owner.release()) {
				closing.add(owner);
			}
		}
		this.sockets.clear();
		this.correlations.clear();
		this.subscriptions.clear();
		for (ZmqSocketOwner late : ZmqSocketOwners.awaitClosed(closing, this.stopTimeout)) {
			logger.warn("ZeroMQ socket " + late.getName() + " did not close within " + this.stopTimeout.toMillis()
					+ " ms");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

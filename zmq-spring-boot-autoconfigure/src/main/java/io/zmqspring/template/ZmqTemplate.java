package io.zmqspring.template;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
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

	private final ZmqSocketFactory socketFactory;

	private final ZmqMessageConverter messageConverter;

	private final TemplateMessages messages;

	private final Object lifecycleMonitor = new Object();

	private final TemplateRequests requests;

	private final TemplateSockets sockets;

	private final TemplateSends sends = new TemplateSends();

	private @Nullable String defaultSocket;

	private Duration replyTimeout = Duration.ofSeconds(5);

	private Duration stopTimeout = Duration.ofSeconds(5);

	private ZmqMetrics metrics = ZmqMetrics.NONE;

	private Predicate<String> openOnStart = (name) -> true;

	private boolean observationEnabled;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ZmqTemplateObservationConvention observationConvention;

	private volatile boolean stopped;

	private volatile boolean running;

	public ZmqTemplate(ZmqSocketFactory socketFactory, ZmqMessageConverter messageConverter) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.socketFactory = socketFactory;
		this.messageConverter = messageConverter;
		this.messages = new TemplateMessages(messageConverter);
		this.requests = new TemplateRequests(this, this.lifecycleMonitor);
		this.sockets = new TemplateSockets(this, socketFactory, this.lifecycleMonitor, this.requests);
	}

	/**
	 * Set the content type each socket converts objects with.
	 * @param contentTypes the content types by socket
	 */
	public void setContentTypes(ZmqContentTypes contentTypes) {
		Assert.notNull(contentTypes, "'contentTypes' must not be null");
		this.messages.setContentTypes(contentTypes);
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
		this.requests.setRequestPolicy(socket, policy);
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
		this.sends.setObservations(this.observationEnabled
				? new TemplateObservations(this.observationRegistry, this.observationConvention) : null);
	}

	/**
	 * Set where the messages of sockets with a durable outbox go instead of straight to the
	 * socket: a send on such a socket returns once the message is stored.
	 * @param durableSends the outboxes, or {@code null} for none
	 */
	public void setDurableSends(@Nullable ZmqDurableSends durableSends) {
		this.sends.setDurableSends(durableSends);
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
		this.sockets.setSubscriberWaits(Map.copyOf(subscriberWaits));
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
		SubscriptionTracker tracker = this.sockets.subscription(socket);
		if (tracker == null) {
			throw new ZmqException("Socket '" + socket + "' does not count its subscribers; set zmq.sockets." + socket
					+ ".wait-for-subscribers (0 counts without holding the first send) on a PUB or XPUB socket");
		}
		return tracker.await(count, timeout);
	}

	@Override
	public void send(String socket, byte[] payload) {
		Assert.notNull(payload, "'payload' must not be null");
		this.sends.send(this.sockets.sendingSocket(socket), null, payload);
	}

	@Override
	public void send(String socket, String topic, byte[] payload) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		TemplateMessages.requirePublisher(socket, target);
		this.sends.send(target, topic, new byte[][] { topic.getBytes(StandardCharsets.UTF_8), payload });
	}

	@Override
	public void send(String socket, @Nullable String topic, Map<String, String> headers, byte[] payload) {
		Assert.notNull(headers, "'headers' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		if (topic != null) {
			TemplateMessages.requirePublisher(socket, target);
		}
		this.sends.send(target, topic,
				MessageFrames.outbound(null, topic, TemplateMessages.headersOf(target), headers, payload));
	}

	@Override
	public void send(String socket, Message<?> message) {
		Assert.notNull(message, "'message' must not be null");
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		ZmqSocketType type = target.getDefinition().type();
		byte[] routingId = (type == ZmqSocketType.ROUTER) ? MessageFrames.routingId(socket, message) : null;
		String topic = type.isPublisher() ? message.getHeaders().get(ZmqHeaders.TOPIC, String.class) : null;
		this.sends.send(target, topic,
				this.messages.outbound(socket, routingId, topic, TemplateMessages.headersOf(target), message));
	}

	@Override
	public void sendFrames(String socket, List<byte[]> frames) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		TemplateMessages.singleFrameOnly(target, frames);
		this.sends.send(target, null, frames.toArray(new byte[0][]));
	}

	@Override
	public void convertAndSend(Object payload) {
		convertAndSend(requiredDefaultSocket(), payload);
	}

	@Override
	public void convertAndSend(String socket, Object payload) {
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		this.sends.send(target, null, this.messages.converted(socket, target, null, payload));
	}

	@Override
	public void convertAndSend(String socket, String topic, Object payload) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		TemplateMessages.requirePublisher(socket, target);
		this.sends.send(target, topic, this.messages.converted(socket, target, topic, payload));
	}

	@Override
	public void sendBatch(String socket, List<byte[]> payloads) {
		Assert.noNullElements(payloads, "'payloads' must not contain null");
		if (!payloads.isEmpty()) {
			this.sends.handOverBatch(this.sockets.sendingSocket(socket), payloads.toArray());
		}
	}

	@Override
	public void convertAndSendBatch(String socket, List<?> payloads) {
		Assert.noNullElements(payloads, "'payloads' must not contain null");
		if (payloads.isEmpty()) {
			return;
		}
		ZmqSocketOwner target = this.sockets.sendingSocket(socket);
		Object[] messages = new Object[payloads.size()];
		for (int i = 0; i < messages.length; i++) {
			messages[i] = this.messages.converted(socket, target, null, payloads.get(i));
		}
		this.sends.handOverBatch(target, messages);
	}

	@Override
	public byte[] sendAndReceive(String socket, byte[] request) {
		return sendAndReceive(socket, request, this.replyTimeout);
	}

	@Override
	public byte[] sendAndReceive(String socket, byte[] request, Duration timeout) {
		List<byte[]> reply = this.requests.await(socket, sendAndReceiveAsync(socket, List.of(request), timeout),
				timeout);
		return reply.get(reply.size() - 1);
	}

	@Override
	public <T> @Nullable T convertSendAndReceive(String socket, Object request, Class<T> replyType) {
		List<byte[]> reply = this.requests.await(socket, convertSendAndReceiveFrames(socket, request),
				this.replyTimeout);
		return this.messages.read(reply.get(reply.size() - 1), replyType, this.messages.contentType(socket));
	}

	/** Send a request converted by the socket's content type; the reply is read with it too. */
	private CompletableFuture<List<byte[]>> convertSendAndReceiveFrames(String socket, Object request) {
		Assert.notNull(request, "'request' must not be null");
		Object frames = this.messages.converted(socket, use(socket), null, request);
		return sendAndReceiveAsync(socket,
				(frames instanceof byte[] bytes) ? List.of(bytes) : List.of((byte[][]) frames), this.replyTimeout);
	}

	@Override
	public CompletableFuture<List<byte[]>> sendAndReceiveAsync(String socket, List<byte[]> frames, Duration timeout) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		ZmqSocketOwner[] owner = new ZmqSocketOwner[1];
		CorrelatingReceiver correlation = this.requests.requestSocket(socket, owner);
		TemplateMessages.singleFrameOnly(owner[0], frames);
		TemplateObservations observing = this.sends.observations();
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
		MimeType contentType = this.messages.contentType(socket);
		return convertSendAndReceiveFrames(socket, request)
			.thenApply((reply) -> this.messages.read(reply.get(reply.size() - 1), replyType, contentType));
	}

	@Override
	public CompletableFuture<Message<byte[]>> sendAndReceiveAsync(String socket, Message<?> request,
			Duration timeout) {
		Assert.notNull(request, "'request' must not be null");
		ZmqHeaderSettings settings = use(socket).getDefinition().options().headers();
		byte[][] frames = this.messages.outbound(socket, null, null, settings, request);
		return sendAndReceiveAsync(socket, List.of(frames), timeout)
			.thenApply((reply) -> MessageFrames.reply(socket, settings, reply, this.metrics));
	}

	/**
	 * Return the endpoints a template socket is bound or connected to.
	 * @param socket the socket name
	 * @return the actual endpoints
	 */
	public List<String> getActualEndpoints(String socket) {
		return this.socketFactory.getRegistry().getActualEndpoints(socket);
	}

	private String requiredDefaultSocket() {
		String name = this.defaultSocket;
		if (name == null) {
			throw new ZmqException("No default socket is set (zmq.template.default-socket); name the socket to use");
		}
		return name;
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
				this.sockets.closeSockets();
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
			this.sockets.closeSockets();
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


	/** Return the owner of a socket, sharing the one a listener may already run. */
	ZmqSocketOwner use(String name) {
		return this.sockets.use(name);
	}

	boolean isStopped() {
		return this.stopped;
	}

	ZmqMetrics metrics() {
		return this.metrics;
	}

	@Nullable ZmqDurableSends durableSends() {
		return this.sends.durableSends();
	}

	Duration stopTimeout() {
		return this.stopTimeout;
	}

}

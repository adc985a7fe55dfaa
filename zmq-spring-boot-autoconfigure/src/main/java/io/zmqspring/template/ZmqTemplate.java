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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketOwners;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.metrics.ZmqMetrics;

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
 * As a {@link SmartLifecycle} the template opens its sockets on start (so bind errors fail the
 * application's startup and publishers have time to be joined) and closes them on stop, after
 * the listener containers, delivering what is queued within each socket's linger.
 *
 * @author zmq-spring-boot
 */
public class ZmqTemplate implements ZmqOperations, SmartLifecycle {

	/** The lifecycle phase: started before and stopped after the listener containers. */
	public static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Log logger = LogFactory.getLog(ZmqTemplate.class);

	private final ZmqSocketFactory socketFactory;

	private final ZmqMessageConverter messageConverter;

	private final Map<String, ZmqSocketOwner> sockets = new ConcurrentHashMap<>();

	private final Map<String, CorrelatingReceiver> correlations = new ConcurrentHashMap<>();

	private final Map<String, ZmqRequestPolicy> requestPolicies = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private @Nullable String defaultSocket;

	private Duration replyTimeout = Duration.ofSeconds(5);

	private Duration stopTimeout = Duration.ofSeconds(5);

	private ZmqMetrics metrics = ZmqMetrics.NONE;

	private Predicate<String> openOnStart = (name) -> true;

	private volatile boolean stopped;

	private volatile boolean running;

	public ZmqTemplate(ZmqSocketFactory socketFactory, ZmqMessageConverter messageConverter) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.socketFactory = socketFactory;
		this.messageConverter = messageConverter;
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
	 * Set which sending sockets are opened on start; others open on first use. Sockets a listener
	 * receives on are excluded here: the template shares the listener's socket on first use.
	 * @param openOnStart a filter on socket names
	 */
	public void setOpenOnStart(Predicate<String> openOnStart) {
		this.openOnStart = openOnStart;
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
	public void send(String socket, byte[] payload) {
		Assert.notNull(payload, "'payload' must not be null");
		sendingSocket(socket).send(payload);
	}

	@Override
	public void send(String socket, String topic, byte[] payload) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		ZmqSocketOwner target = sendingSocket(socket);
		ZmqSocketType type = target.getDefinition().type();
		if (!type.isPublisher()) {
			throw new ZmqSendException(socket,
					"a topic can only be sent on a PUB or XPUB socket, but this socket is " + type);
		}
		target.send(new byte[][] { topic.getBytes(StandardCharsets.UTF_8), payload });
	}

	@Override
	public void sendFrames(String socket, List<byte[]> frames) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		sendingSocket(socket).send(frames.toArray(new byte[0][]));
	}

	@Override
	public void convertAndSend(Object payload) {
		convertAndSend(requiredDefaultSocket(), payload);
	}

	@Override
	public void convertAndSend(String socket, Object payload) {
		send(socket, this.messageConverter.toBytes(payload));
	}

	@Override
	public void convertAndSend(String socket, String topic, Object payload) {
		send(socket, topic, this.messageConverter.toBytes(payload));
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
		byte[] reply = sendAndReceive(socket, this.messageConverter.toBytes(request));
		return replyType.cast(this.messageConverter.fromBytes(reply, replyType));
	}

	@Override
	public CompletableFuture<List<byte[]>> sendAndReceiveAsync(String socket, List<byte[]> frames, Duration timeout) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		ZmqSocketOwner[] owner = new ZmqSocketOwner[1];
		CorrelatingReceiver correlation = requestSocket(socket, owner);
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
		return sendAndReceiveAsync(socket, this.messageConverter.toBytes(request))
			.thenApply((reply) -> replyType.cast(this.messageConverter.fromBytes(reply, replyType)));
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
					+ " socket; use PUB, XPUB, PUSH, DEALER, ROUTER, PAIR or XSUB, or sendAndReceive for REQ");
		}
		return owner;
	}

	private CorrelatingReceiver requestSocket(String name, ZmqSocketOwner[] owner) {
		owner[0] = use(name);
		ZmqSocketType type = owner[0].getDefinition().type();
		if (!type.isRequester()) {
			throw new ZmqSendException(name, "request-reply needs a REQ or DEALER socket, but this socket is " + type);
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
						() -> stats.getGreetedConnections() == 0 && stats.wasGreeted());
				try {
					owner[0].attach(correlation);
				}
				catch (IllegalStateException ex) {
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
			ZmqSocketOwner acquired = this.socketFactory.getOwners().acquire(definition);
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

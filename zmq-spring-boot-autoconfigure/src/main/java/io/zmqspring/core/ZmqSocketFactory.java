package io.zmqspring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.security.ZmqSecurity;
import io.zmqspring.security.ZmqSecurityMechanism;
import io.zmqspring.security.ZmqZapHandler;
import zmq.ZError;

/**
 * Opens configured sockets: applies every option, then the customizers, then subscribes and
 * binds or connects. Sockets are created on the owning context but not registered with
 * {@link ZContext}, so each one closes with its own linger, on the thread that owns it.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketFactory {

	private static final Log logger = LogFactory.getLog(ZmqSocketFactory.class);

	/**
	 * Largest inbound message, in bytes, of a socket with at least one bind endpoint whose
	 * {@code max-message-size} is not set: 1 MiB. JeroMQ allocates a frame's declared size before
	 * its bytes arrive, so without a limit any peer that can reach a bound port can make it
	 * allocate up to 2 GiB per frame. Set {@code max-message-size} (or {@code -1} for no limit)
	 * to change it.
	 */
	public static final long DEFAULT_BOUND_MAX_MESSAGE_SIZE = 1024 * 1024;

	private final ZContext context;

	private final ZmqSocketRegistry registry;

	private final List<ZmqSocketCustomizer> customizers;

	private final Duration maxLinger;

	private final ZmqSocketOwners owners;

	private final Object zapLock = new Object();

	private @Nullable ZmqZapHandler zapHandler;

	public ZmqSocketFactory(ZContext context, ZmqSocketRegistry registry, List<ZmqSocketCustomizer> customizers,
			Duration maxLinger) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		this.context = context;
		this.registry = registry;
		this.customizers = List.copyOf(customizers);
		this.maxLinger = maxLinger;
		this.owners = new ZmqSocketOwners(this);
	}

	/**
	 * Return the owners of the sockets this factory opens: every user of a socket goes through
	 * its one owner.
	 * @return the owners
	 */
	public ZmqSocketOwners getOwners() {
		return this.owners;
	}

	/**
	 * Set the ZAP handler that authenticates the peers of CURVE and PLAIN server sockets. Without
	 * one, the factory starts its own on the context when the first server socket opens.
	 * @param zapHandler the ZAP handler of this factory's context
	 */
	public void setZapHandler(ZmqZapHandler zapHandler) {
		synchronized (this.zapLock) {
			this.zapHandler = zapHandler;
		}
	}

	/**
	 * Return the ZAP handler of this factory's context, created if needed (it only starts when a
	 * server socket registers with it).
	 * @return the ZAP handler
	 */
	public ZmqZapHandler getZapHandler() {
		synchronized (this.zapLock) {
			ZmqZapHandler handler = this.zapHandler;
			if (handler == null) {
				handler = new ZmqZapHandler(this.context, ZmqMetrics.NONE);
				this.zapHandler = handler;
			}
			return handler;
		}
	}

	/**
	 * Return the longest linger a socket closes with.
	 * @return the cap on every socket's linger
	 */
	public Duration getMaxLinger() {
		return this.maxLinger;
	}

	/**
	 * Return the context the sockets belong to.
	 * @return the context
	 */
	public ZContext getContext() {
		return this.context;
	}

	/**
	 * Return the registry of definitions and actual endpoints.
	 * @return the registry
	 */
	public ZmqSocketRegistry getRegistry() {
		return this.registry;
	}

	/**
	 * Open a socket: options, customizers, subscriptions, then every bind and connect. The caller
	 * owns the returned socket and must use it from one thread at a time.
	 * @param definition the socket to open
	 * @return the open socket
	 * @throws ZmqBindException if an endpoint cannot be bound or connected; the socket is closed
	 */
	public ZMQ.Socket open(ZmqSocketDefinition definition) {
		return open(definition, (endpoint) -> {
			throw new ZmqBindException(definition.name(), endpoint, "the host does not resolve", null);
		});
	}

	/**
	 * Open a socket: options, customizers, subscriptions, then every bind and connect. A connect
	 * endpoint whose host does not resolve yet does not fail: it is logged and handed to
	 * {@code unresolved}, to be retried with {@link #connectIfResolvable}, since a peer's name
	 * may appear in DNS after this service starts (libzmq resolves and retries lazily too).
	 * @param definition the socket to open
	 * @param unresolved receives each connect endpoint whose host does not resolve yet
	 * @return the open socket, owned by the caller
	 * @throws ZmqBindException if an endpoint cannot be bound or connected; the socket is closed
	 */
	public ZMQ.Socket open(ZmqSocketDefinition definition, Consumer<ZmqEndpoint> unresolved) {
		return open(definition, unresolved, (socket) -> {
		});
	}

	/**
	 * Open a socket as {@link #open(ZmqSocketDefinition, Consumer)} does, with a step of the
	 * caller's just before the first bind or connect, for example to start monitoring the socket
	 * so that no event of its first connections is missed.
	 * @param definition the socket to open
	 * @param unresolved receives each connect endpoint whose host does not resolve yet
	 * @param beforeAttach called with the socket once its options are set, before any bind or
	 * connect
	 * @return the open socket, owned by the caller
	 * @throws ZmqBindException if an endpoint cannot be bound or connected; the socket is closed
	 */
	public ZMQ.Socket open(ZmqSocketDefinition definition, Consumer<ZmqEndpoint> unresolved,
			Consumer<ZMQ.Socket> beforeAttach) {
		ZMQ.Socket socket = this.context.getContext().socket(definition.type().jeromqType());
		try {
			applyOptions(definition.options(), socket);
			applySecurity(definition, socket);
			if (definition.options().maxMessageSize() == null
					&& definition.endpoints().stream().anyMatch(ZmqEndpoint::bind)) {
				socket.setMaxMsgSize(DEFAULT_BOUND_MAX_MESSAGE_SIZE);
			}
			for (ZmqSocketCustomizer customizer : this.customizers) {
				customizer.customize(definition, socket);
			}
			ZmqContextSupervisor.guard(this.context, definition.name(), socket);
			subscribe(definition, socket);
			beforeAttach.accept(socket);
			List<String> actual = new ArrayList<>(definition.endpoints().size());
			for (ZmqEndpoint endpoint : definition.endpoints()) {
				if (!endpoint.bind() && !ZmqHostResolution.resolves(endpoint)) {
					logger.warn("ZeroMQ socket " + definition.name() + ": the host of " + endpoint
							+ " does not resolve yet; the socket starts anyway and keeps trying to connect");
					unresolved.accept(endpoint);
					continue;
				}
				actual.add(attach(definition, socket, endpoint));
			}
			this.registry.recordEndpoints(definition.name(), actual);
			logger.debug(LogMessage.of(
					() -> "Opened ZeroMQ socket " + definition.name() + " (" + definition.type() + ") on " + actual));
			return socket;
		}
		catch (RuntimeException ex) {
			socket.setLinger(0);
			socket.close();
			throw ex;
		}
	}

	/**
	 * Connect to an endpoint whose host did not resolve before, if it resolves now.
	 * @param definition the socket's definition
	 * @param socket the socket, owned by the calling thread
	 * @param endpoint the connect endpoint
	 * @return whether the socket is now connected to it
	 */
	public boolean connectIfResolvable(ZmqSocketDefinition definition, ZMQ.Socket socket, ZmqEndpoint endpoint) {
		if (!ZmqHostResolution.resolves(endpoint)) {
			return false;
		}
		String actual = attach(definition, socket, endpoint);
		List<String> endpoints = new ArrayList<>(this.registry.getActualEndpoints(definition.name()));
		endpoints.add(actual);
		this.registry.recordEndpoints(definition.name(), endpoints);
		logger.info("ZeroMQ socket " + definition.name() + " connected to " + endpoint + " once its host resolved");
		return true;
	}

	/**
	 * Close a socket the calling thread owns, lingering at most the configured linger (and never
	 * longer than the context's shutdown timeout) to deliver what is still queued.
	 * @param definition the socket's definition
	 * @param socket the socket
	 */
	public void close(ZmqSocketDefinition definition, ZMQ.Socket socket) {
		Duration linger = definition.options().lingerOrDefault();
		if (linger.compareTo(this.maxLinger) > 0) {
			linger = this.maxLinger;
		}
		try {
			socket.setLinger(linger.toMillis());
			socket.close();
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to close ZeroMQ socket " + definition.name() + ": " + ex);
		}
		finally {
			this.registry.forgetEndpoints(definition.name());
		}
	}

	private void applyOptions(ZmqSocketOptions options, ZMQ.Socket socket) {
		set(options.sendHwm(), socket::setSndHWM);
		set(options.receiveHwm(), socket::setRcvHWM);
		setMillis(options.linger(), socket::setLinger);
		setMillis(options.reconnectInterval(), socket::setReconnectIVL);
		setMillis(options.reconnectIntervalMax(), socket::setReconnectIVLMax);
		setMillis(options.heartbeatInterval(), (millis) -> socket.setHeartbeatIvl(millis));
		setMillis(options.heartbeatTimeoutOrDefault(), (millis) -> socket.setHeartbeatTimeout(millis));
		setMillis(options.heartbeatTtl(), (millis) -> socket.setHeartbeatTtl(millis));
		set(options.maxMessageSize(), socket::setMaxMsgSize);
		setMillis(options.handshakeInterval(), (millis) -> socket.setHandshakeIvl(millis));
		// JeroMQ's flag means "attach pipes at connect" (default true): the opposite of libzmq's
		// ZMQ_IMMEDIATE, whose meaning the option follows
		set(options.immediate(), (immediate) -> socket.setImmediate(!immediate));
		if (options.routingId() != null) {
			socket.setIdentity(options.routingId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	/**
	 * Apply the socket's security settings. A server socket that authenticates its peers first
	 * registers its policy with the ZAP handler, which is running and bound once this returns:
	 * JeroMQ lets every peer of a CURVE or PLAIN server in when no ZAP handler is bound.
	 */
	private void applySecurity(ZmqSocketDefinition definition, ZMQ.Socket socket) {
		ZmqSecurity security = definition.options().security();
		boolean binds = definition.endpoints().stream().anyMatch(ZmqEndpoint::bind);
		if (security.mechanism() == ZmqSecurityMechanism.NULL && !security.usesZap(binds)) {
			return;
		}
		String prefix = ((this.registry.findDefinition(definition.name()) != null)
				? "zmq.sockets." + definition.name() : "zmq.defaults") + ".security";
		security.validate(prefix, binds);
		boolean server = security.isServer(binds);
		if (security.usesZap(binds)) {
			String domain = security.zapDomainOr(definition.name());
			if (security.mechanism() == ZmqSecurityMechanism.CURVE && security.curveAllowAny()) {
				logger.warn("ZeroMQ socket " + definition.name() + " accepts any CURVE client that knows its public key ("
						+ prefix + ".curve.allow-any=true)");
			}
			getZapHandler().register(domain, definition.name(), security);
			socket.setZapDomain(domain);
		}
		switch (security.mechanism()) {
			case CURVE -> {
				socket.setCurveServer(server);
				socket.setCurvePublicKey(ZMQ.Curve.z85Decode(required(security.curvePublicKey())));
				socket.setCurveSecretKey(ZMQ.Curve.z85Decode(required(security.curveSecretKey())));
				if (!server) {
					socket.setCurveServerKey(ZMQ.Curve.z85Decode(required(security.curveServerKey())));
				}
			}
			case PLAIN -> {
				if (server) {
					socket.setPlainServer(true);
				}
				else {
					socket.setPlainUsername(required(security.plainUsername()));
					socket.setPlainPassword(required(security.plainPassword()));
				}
			}
			case NULL -> {
			}
		}
	}

	private static String required(@Nullable String value) {
		Assert.state(value != null, "Security setting missing after validation");
		return value;
	}

	private static <T> void set(@Nullable T value, Function<T, Boolean> setter) {
		if (value != null) {
			setter.apply(value);
		}
	}

	private static void setMillis(@Nullable Duration value, Function<Integer, Boolean> setter) {
		if (value != null) {
			setter.apply((int) Math.min(Integer.MAX_VALUE, value.toMillis()));
		}
	}

	private void subscribe(ZmqSocketDefinition definition, ZMQ.Socket socket) {
		if (definition.type() != ZmqSocketType.SUB) {
			return;
		}
		if (definition.topics().isEmpty()) {
			socket.subscribe(ZMQ.SUBSCRIPTION_ALL);
			return;
		}
		for (String topic : definition.topics()) {
			socket.subscribe(topic.getBytes(ZMQ.CHARSET));
		}
	}

	private String attach(ZmqSocketDefinition definition, ZMQ.Socket socket, ZmqEndpoint endpoint) {
		try {
			boolean done = endpoint.bind() ? socket.bind(endpoint.address()) : socket.connect(endpoint.address());
			if (!done) {
				throw new ZmqBindException(definition.name(), endpoint, describe(socket.errno()), null);
			}
			return endpoint.bind() ? socket.getLastEndpoint() : endpoint.address();
		}
		catch (ZMQException ex) {
			throw new ZmqBindException(definition.name(), endpoint, describe(ex.getErrorCode()), ex);
		}
		catch (IllegalArgumentException | ZError.IOException ex) {
			throw new ZmqBindException(definition.name(), endpoint, String.valueOf(ex.getMessage()), ex);
		}
	}

	private static String describe(int errno) {
		if (errno == ZError.EADDRINUSE) {
			return "address already in use";
		}
		if (errno == ZError.EADDRNOTAVAIL) {
			return "address not available on this host";
		}
		if (errno == ZError.EPROTONOSUPPORT) {
			return "transport not supported";
		}
		if (errno == ZError.EINVAL) {
			return "invalid endpoint";
		}
		return ZError.toString(errno);
	}

}

package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.security.ZmqSecurityMechanism;

/**
 * Configuration properties for ZeroMQ, under {@code zmq}.
 *
 * @author zmq-spring-boot
 */
@ConfigurationProperties("zmq")
public class ZmqProperties {

	/**
	 * The ZeroMQ context.
	 */
	private final Context context = new Context();

	/**
	 * Options every socket starts from; any of them can be set again per socket.
	 */
	private final Defaults defaults = new Defaults();

	/**
	 * Named sockets, used by the template and by listeners through their name.
	 */
	private final Map<String, Socket> sockets = new LinkedHashMap<>();

	/**
	 * Proxies that forward between two sockets on one thread, by name.
	 */
	private final Map<String, ZmqProxyProperties> proxies = new LinkedHashMap<>();

	/**
	 * The template.
	 */
	private final Template template = new Template();

	/**
	 * Listener containers.
	 */
	private final Listener listener = new Listener();

	public Context getContext() {
		return this.context;
	}

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Map<String, Socket> getSockets() {
		return this.sockets;
	}

	public Map<String, ZmqProxyProperties> getProxies() {
		return this.proxies;
	}

	public Template getTemplate() {
		return this.template;
	}

	public Listener getListener() {
		return this.listener;
	}

	/**
	 * Context properties.
	 */
	public static class Context {

		/**
		 * Number of I/O threads of the ZeroMQ context.
		 */
		private int ioThreads = 1;

		/**
		 * Longest time closing the context may take on shutdown, even with dead peers and unsent
		 * messages; socket lingers are capped to it.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

		public int getIoThreads() {
			return this.ioThreads;
		}

		public void setIoThreads(int ioThreads) {
			this.ioThreads = ioThreads;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * Socket options. Unset values fall back to {@code zmq.defaults}.
	 */
	public static class SocketOptions {

		/**
		 * High-water mark for outbound messages, per peer (ZMQ_SNDHWM); 0 means no limit.
		 */
		private @Nullable Integer sendHwm;

		/**
		 * High-water mark for inbound messages, per peer (ZMQ_RCVHWM); 0 means no limit.
		 */
		private @Nullable Integer receiveHwm;

		/**
		 * How long unsent messages are kept after the socket closes (ZMQ_LINGER); capped to the
		 * context's shutdown timeout.
		 */
		private @Nullable Duration linger;

		/**
		 * Initial reconnect interval (ZMQ_RECONNECT_IVL).
		 */
		private @Nullable Duration reconnectInterval;

		/**
		 * Maximum reconnect interval for exponential back-off (ZMQ_RECONNECT_IVL_MAX); 0 turns
		 * back-off off.
		 */
		private @Nullable Duration reconnectIntervalMax;

		/**
		 * Interval between ZMTP heartbeats (ZMQ_HEARTBEAT_IVL); 0 disables heartbeats.
		 */
		private @Nullable Duration heartbeatInterval;

		/**
		 * How long to wait for a heartbeat reply before the connection is dropped
		 * (ZMQ_HEARTBEAT_TIMEOUT); defaults to the heartbeat interval.
		 */
		private @Nullable Duration heartbeatTimeout;

		/**
		 * Time-to-live the peer is asked to apply to this connection (ZMQ_HEARTBEAT_TTL).
		 */
		private @Nullable Duration heartbeatTtl;

		/**
		 * How long a template send waits for room when the socket cannot take more messages
		 * before it fails.
		 */
		private @Nullable Duration sendTimeout;

		/**
		 * Largest inbound message; a larger one drops the connection (ZMQ_MAXMSGSIZE). Unset
		 * means 1MB for a socket that binds, since JeroMQ allocates a frame's declared size before
		 * its bytes arrive and any peer can reach a bound port, and no limit for a socket that
		 * only connects; -1B means no limit.
		 */
		private @Nullable DataSize maxMessageSize;

		/**
		 * Whether messages are queued only on completed connections (ZMQ_IMMEDIATE).
		 */
		private @Nullable Boolean immediate;

		/**
		 * Longest time a new connection may take for the ZMTP handshake before it is dropped and
		 * retried (ZMQ_HANDSHAKE_IVL); 0 means no limit. Kept short by default because JeroMQ
		 * 0.6.0 now and then stalls a fresh outgoing connection before its handshake, and this
		 * turns the stall into a quick reconnect.
		 */
		private @Nullable Duration handshakeInterval;

		/**
		 * Content type objects are converted with, for example 'application/msgpack'; unset
		 * means JSON. Raw bytes and strings are sent as they are whatever it says. With the
		 * header frame enabled, senders announce it in a 'contentType' header, and listeners
		 * read each message by the content type it announces.
		 */
		private @Nullable String contentType;

		/**
		 * Security mechanism and its keys or credentials; per-socket values override
		 * zmq.defaults.security.
		 */
		private final Security security = new Security();

		/**
		 * The opt-in header frame that carries chosen message headers (trace context, content
		 * type) between applications; per-socket values override zmq.defaults.headers.
		 */
		private final Headers headers = new Headers();

		public Security getSecurity() {
			return this.security;
		}

		public Headers getHeaders() {
			return this.headers;
		}

		public @Nullable String getContentType() {
			return this.contentType;
		}

		public void setContentType(@Nullable String contentType) {
			this.contentType = contentType;
		}

		public @Nullable Integer getSendHwm() {
			return this.sendHwm;
		}

		public void setSendHwm(@Nullable Integer sendHwm) {
			this.sendHwm = sendHwm;
		}

		public @Nullable Integer getReceiveHwm() {
			return this.receiveHwm;
		}

		public void setReceiveHwm(@Nullable Integer receiveHwm) {
			this.receiveHwm = receiveHwm;
		}

		public @Nullable Duration getLinger() {
			return this.linger;
		}

		public void setLinger(@Nullable Duration linger) {
			this.linger = linger;
		}

		public @Nullable Duration getReconnectInterval() {
			return this.reconnectInterval;
		}

		public void setReconnectInterval(@Nullable Duration reconnectInterval) {
			this.reconnectInterval = reconnectInterval;
		}

		public @Nullable Duration getReconnectIntervalMax() {
			return this.reconnectIntervalMax;
		}

		public void setReconnectIntervalMax(@Nullable Duration reconnectIntervalMax) {
			this.reconnectIntervalMax = reconnectIntervalMax;
		}

		public @Nullable Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public @Nullable Duration getHeartbeatTimeout() {
			return this.heartbeatTimeout;
		}

		public void setHeartbeatTimeout(@Nullable Duration heartbeatTimeout) {
			this.heartbeatTimeout = heartbeatTimeout;
		}

		public @Nullable Duration getHeartbeatTtl() {
			return this.heartbeatTtl;
		}

		public void setHeartbeatTtl(@Nullable Duration heartbeatTtl) {
			this.heartbeatTtl = heartbeatTtl;
		}

		public @Nullable Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(@Nullable Duration sendTimeout) {
			this.sendTimeout = sendTimeout;
		}

		public @Nullable DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public @Nullable Boolean getImmediate() {
			return this.immediate;
		}

		public void setImmediate(@Nullable Boolean immediate) {
			this.immediate = immediate;
		}

		public @Nullable Duration getHandshakeInterval() {
			return this.handshakeInterval;
		}

		public void setHandshakeInterval(@Nullable Duration handshakeInterval) {
			this.handshakeInterval = handshakeInterval;
		}

	}

	/**
	 * Security of a socket. A CURVE or PLAIN server authenticates every peer through the
	 * starter's ZAP handler, which denies by default.
	 */
	public static class Security {

		/**
		 * Security mechanism: NULL (none), PLAIN (user name and password, not encrypted) or
		 * CURVE (CurveZMQ, authenticated and encrypted). Defaults to NULL.
		 */
		private @Nullable ZmqSecurityMechanism mechanism;

		/**
		 * Whether the socket is the server side of the mechanism. Defaults to whether the socket
		 * has a bind endpoint.
		 */
		private @Nullable Boolean server;

		/**
		 * ZAP domain of a server socket, which selects the policy its peers are checked against.
		 * Defaults to the socket's name, so that each server socket has its own policy.
		 */
		private @Nullable String zapDomain;

		/**
		 * IP addresses of peers a server socket accepts; empty accepts any address not denied.
		 */
		private List<String> allowedAddresses = new ArrayList<>();

		/**
		 * IP addresses of peers a server socket refuses; wins over allowed-addresses.
		 */
		private List<String> deniedAddresses = new ArrayList<>();

		/**
		 * CURVE settings.
		 */
		private final Curve curve = new Curve();

		/**
		 * PLAIN settings.
		 */
		private final Plain plain = new Plain();

		public @Nullable ZmqSecurityMechanism getMechanism() {
			return this.mechanism;
		}

		public void setMechanism(@Nullable ZmqSecurityMechanism mechanism) {
			this.mechanism = mechanism;
		}

		public @Nullable Boolean getServer() {
			return this.server;
		}

		public void setServer(@Nullable Boolean server) {
			this.server = server;
		}

		public @Nullable String getZapDomain() {
			return this.zapDomain;
		}

		public void setZapDomain(@Nullable String zapDomain) {
			this.zapDomain = zapDomain;
		}

		public List<String> getAllowedAddresses() {
			return this.allowedAddresses;
		}

		public void setAllowedAddresses(List<String> allowedAddresses) {
			this.allowedAddresses = allowedAddresses;
		}

		public List<String> getDeniedAddresses() {
			return this.deniedAddresses;
		}

		public void setDeniedAddresses(List<String> deniedAddresses) {
			this.deniedAddresses = deniedAddresses;
		}

		public Curve getCurve() {
			return this.curve;
		}

		public Plain getPlain() {
			return this.plain;
		}

	}

	/**
	 * CURVE settings of a socket.
	 */
	public static class Curve {

		/**
		 * The socket's own public key, 40 Z85 characters.
		 */
		private @Nullable String publicKey;

		/**
		 * The socket's own secret key, 40 Z85 characters. Never logged.
		 */
		private @Nullable String secretKey;

		/**
		 * The server's public key, 40 Z85 characters (clients).
		 */
		private @Nullable String serverKey;

		/**
		 * Path of the socket's own certificate, as written by ZCert, czmq or ZmqKeyTool: the
		 * public certificate at the path and the secret one at '<path>_secret'.
		 */
		private @Nullable String certificate;

		/**
		 * Path of the server's public certificate (clients).
		 */
		private @Nullable String serverCertificate;

		/**
		 * Public keys (Z85) of the clients a server accepts.
		 */
		private List<String> allowedKeys = new ArrayList<>();

		/**
		 * Directory of the public certificates of the clients a server accepts, read again when
		 * it changes.
		 */
		private @Nullable String allowedKeysDirectory;

		/**
		 * Whether a server accepts any client that knows its public key, without an allow
		 * list.
		 */
		private @Nullable Boolean allowAny;

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		public @Nullable String getServerKey() {
			return this.serverKey;
		}

		public void setServerKey(@Nullable String serverKey) {
			this.serverKey = serverKey;
		}

		public @Nullable String getCertificate() {
			return this.certificate;
		}

		public void setCertificate(@Nullable String certificate) {
			this.certificate = certificate;
		}

		public @Nullable String getServerCertificate() {
			return this.serverCertificate;
		}

		public void setServerCertificate(@Nullable String serverCertificate) {
			this.serverCertificate = serverCertificate;
		}

		public List<String> getAllowedKeys() {
			return this.allowedKeys;
		}

		public void setAllowedKeys(List<String> allowedKeys) {
			this.allowedKeys = allowedKeys;
		}

		public @Nullable String getAllowedKeysDirectory() {
			return this.allowedKeysDirectory;
		}

		public void setAllowedKeysDirectory(@Nullable String allowedKeysDirectory) {
			this.allowedKeysDirectory = allowedKeysDirectory;
		}

		public @Nullable Boolean getAllowAny() {
			return this.allowAny;
		}

		public void setAllowAny(@Nullable Boolean allowAny) {
			this.allowAny = allowAny;
		}

	}

	/**
	 * PLAIN settings of a socket.
	 */
	public static class Plain {

		/**
		 * User name a client sends.
		 */
		private @Nullable String username;

		/**
		 * Password a client sends. Never logged.
		 */
		private @Nullable String password;

		/**
		 * User names and passwords a server accepts.
		 */
		private Map<String, String> users = new LinkedHashMap<>();

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public Map<String, String> getUsers() {
			return this.users;
		}

		public void setUsers(Map<String, String> users) {
			this.users = users;
		}

	}

	/**
	 * Header frame settings of a socket. Unset values fall back to zmq.defaults.headers.
	 */
	public static class Headers {

		/**
		 * Whether the socket sends the header frame before each payload and reads it from what
		 * it receives. Off by default, so that plain ZeroMQ peers see only their own frames;
		 * turn it on for sockets between applications that both use the header frame.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Header names the socket sends and accepts; others are dropped both ways. A name ending
		 * in '*' matches a prefix. Defaults to traceparent, tracestate, baggage, b3 and
		 * contentType.
		 */
		private @Nullable List<String> allowed;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable List<String> getAllowed() {
			return this.allowed;
		}

		public void setAllowed(@Nullable List<String> allowed) {
			this.allowed = allowed;
		}

	}

	/**
	 * Options every socket starts from. Defaults: send-hwm and receive-hwm 1000, linger 1s,
	 * reconnect-interval 100ms, reconnect-interval-max 5s, heartbeats off, send-timeout 1s,
	 * immediate false, handshake-interval 5s, max-message-size 1MB on sockets that bind.
	 */
	public static class Defaults extends SocketOptions {

		public Defaults() {
			setSendHwm(1000);
			setReceiveHwm(1000);
			setLinger(Duration.ofSeconds(1));
			setReconnectInterval(Duration.ofMillis(100));
			setReconnectIntervalMax(Duration.ofSeconds(5));
			setHeartbeatInterval(Duration.ZERO);
			setSendTimeout(Duration.ofSeconds(1));
			setImmediate(false);
			setHandshakeInterval(Duration.ofSeconds(5));
		}

	}

	/**
	 * A named socket.
	 */
	public static class Socket extends SocketOptions {

		/**
		 * Socket type: PUB, SUB, XPUB, XSUB, PUSH, PULL, REQ, REP, DEALER, ROUTER, PAIR, CLIENT or SERVER.
		 */
		private @Nullable ZmqSocketType type;

		/**
		 * Endpoints to bind ('@' prefix) or connect ('>' prefix) to, for example
		 * '>tcp://localhost:5557' or '@tcp://127.0.0.1:*'. Without a prefix the type's usual side
		 * applies (PUB, XPUB, REP, ROUTER and PULL bind; the others connect).
		 */
		private List<String> endpoints = new ArrayList<>();

		/**
		 * Whether endpoints without a prefix bind (true) or connect (false), overriding the type's
		 * usual side.
		 */
		private @Nullable Boolean bind;

		/**
		 * Topics a SUB socket subscribes to; empty subscribes to everything.
		 */
		private List<String> topics = new ArrayList<>();

		/**
		 * Routing id announced to ROUTER peers (ZMQ_ROUTING_ID).
		 */
		private @Nullable String routingId;

		/**
		 * Subscriptions a PUB or XPUB socket waits for before the template's first send on it
		 * (each subscriber counts once per topic). The socket then runs as an XPUB that counts
		 * them; 0 counts them without holding the first send, for
		 * ZmqTemplate.awaitSubscribers.
		 */
		private @Nullable Integer waitForSubscribers;

		/**
		 * Longest time the first send waits for wait-for-subscribers subscriptions; then it sends
		 * anyway and logs a warning.
		 */
		private Duration waitForSubscribersTimeout = Duration.ofSeconds(10);

		/**
		 * Request-reply through the template on a REQ or DEALER socket: retries and failing fast.
		 */
		private final Request request = new Request();

		/**
		 * Durable outbox of the template's sends on this socket, and its listener side (dedup).
		 */
		private final ZmqOutboxProperties outbox = new ZmqOutboxProperties();

		/**
		 * Chunked transfers of payloads far larger than one message, with credit-based flow
		 * control: sent on a DEALER socket, received on a ROUTER socket.
		 */
		private final ZmqTransferProperties transfer = new ZmqTransferProperties();

		public Request getRequest() {
			return this.request;
		}

		public ZmqOutboxProperties getOutbox() {
			return this.outbox;
		}

		public ZmqTransferProperties getTransfer() {
			return this.transfer;
		}

		public @Nullable ZmqSocketType getType() {
			return this.type;
		}

		public void setType(@Nullable ZmqSocketType type) {
			this.type = type;
		}

		public List<String> getEndpoints() {
			return this.endpoints;
		}

		public void setEndpoints(List<String> endpoints) {
			this.endpoints = endpoints;
		}

		public @Nullable Boolean getBind() {
			return this.bind;
		}

		public void setBind(@Nullable Boolean bind) {
			this.bind = bind;
		}

		public List<String> getTopics() {
			return this.topics;
		}

		public void setTopics(List<String> topics) {
			this.topics = topics;
		}

		public @Nullable String getRoutingId() {
			return this.routingId;
		}

		public void setRoutingId(@Nullable String routingId) {
			this.routingId = routingId;
		}

		public @Nullable Integer getWaitForSubscribers() {
			return this.waitForSubscribers;
		}

		public void setWaitForSubscribers(@Nullable Integer waitForSubscribers) {
			this.waitForSubscribers = waitForSubscribers;
		}

		public Duration getWaitForSubscribersTimeout() {
			return this.waitForSubscribersTimeout;
		}

		public void setWaitForSubscribersTimeout(Duration waitForSubscribersTimeout) {
			this.waitForSubscribersTimeout = waitForSubscribersTimeout;
		}

	}

	/**
	 * How the template runs request-reply on a REQ or DEALER socket.
	 */
	public static class Request {

		/**
		 * How many times a request is sent again when a try got no reply within try-timeout (the
		 * Guide's Lazy Pirate); with several connect endpoints each try goes to the next
		 * connected server. Makes request-reply at-least-once: a server may see a request more
		 * than once. Needs try-timeout.
		 */
		private int retries;

		/**
		 * How long each try of a request waits for its reply before it is sent again. The
		 * request's own timeout (zmq.template.reply-timeout, or the one given) still bounds all
		 * tries together, so make it at least (retries + 1) times this.
		 */
		private @Nullable Duration tryTimeout;

		/**
		 * Whether a request fails at once, instead of waiting for its reply timeout, while the
		 * socket has no connection to a peer that answered (its ZMTP greeting arrived); requests in
		 * flight then fail when the last such connection closes (with heartbeats, also when a peer
		 * goes silent). Until a peer first answered (right after startup), requests wait as usual.
		 */
		private boolean failFastWhenDisconnected;

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public @Nullable Duration getTryTimeout() {
			return this.tryTimeout;
		}

		public void setTryTimeout(@Nullable Duration tryTimeout) {
			this.tryTimeout = tryTimeout;
		}

		public boolean isFailFastWhenDisconnected() {
			return this.failFastWhenDisconnected;
		}

		public void setFailFastWhenDisconnected(boolean failFastWhenDisconnected) {
			this.failFastWhenDisconnected = failFastWhenDisconnected;
		}

	}

	/**
	 * Template properties.
	 */
	public static class Template {

		/**
		 * Socket used by the template methods that take no socket name.
		 */
		private @Nullable String defaultSocket;

		/**
		 * How long request-reply operations wait for a reply when no timeout is given.
		 */
		private Duration replyTimeout = Duration.ofSeconds(5);

		/**
		 * How many messages each template socket queues before callers wait (up to the socket's
		 * send-timeout).
		 */
		private int sendQueueCapacity = 1024;

		/**
		 * Whether to observe every send and request-reply with the application's
		 * ObservationRegistry (observation zmq.template), for metrics and tracing. Off by default:
		 * with it off, a send does no observation work.
		 */
		private boolean observationEnabled;

		public @Nullable String getDefaultSocket() {
			return this.defaultSocket;
		}

		public void setDefaultSocket(@Nullable String defaultSocket) {
			this.defaultSocket = defaultSocket;
		}

		public Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		public int getSendQueueCapacity() {
			return this.sendQueueCapacity;
		}

		public void setSendQueueCapacity(int sendQueueCapacity) {
			this.sendQueueCapacity = sendQueueCapacity;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

	/**
	 * Listener container properties.
	 */
	public static class Listener {

		/**
		 * How long stopping a listener waits for the messages in hand to finish.
		 */
		private Duration stopTimeout = Duration.ofSeconds(10);

		/**
		 * Whether to time every message a listener processes (zmq.listener.duration). Off by
		 * default: at very high message rates, timing costs a few percent of throughput.
		 */
		private boolean timerEnabled;

		/**
		 * Whether to observe every listener invocation with the application's
		 * ObservationRegistry (observation zmq.listener), for metrics and tracing. Off by default:
		 * with it off, no per-message work is added.
		 */
		private boolean observationEnabled;

		/**
		 * How long a result a listener returns as a CompletableFuture or Mono may take; then REP
		 * and ROUTER listeners send the error reply and the timeout is counted. A listener can set
		 * its own with asyncReplyTimeout.
		 */
		private Duration asyncReplyTimeout = Duration.ofSeconds(30);

		public Duration getAsyncReplyTimeout() {
			return this.asyncReplyTimeout;
		}

		public void setAsyncReplyTimeout(Duration asyncReplyTimeout) {
			this.asyncReplyTimeout = asyncReplyTimeout;
		}

		public Duration getStopTimeout() {
			return this.stopTimeout;
		}

		public void setStopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
		}

		public boolean isTimerEnabled() {
			return this.timerEnabled;
		}

		public void setTimerEnabled(boolean timerEnabled) {
			this.timerEnabled = timerEnabled;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

}

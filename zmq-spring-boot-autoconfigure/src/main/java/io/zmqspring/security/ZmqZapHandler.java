package io.zmqspring.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.metrics.ZmqMetrics;

import zmq.ZError;

/**
 * The ZAP handler (RFC 27) of one ZeroMQ context: a REP socket bound to
 * {@code inproc://zeromq.zap.01}, owned by one platform daemon thread named
 * {@code zmq-zap-handler}, that answers the authentication requests of every CURVE and PLAIN
 * server socket of the context. JeroMQ lets every peer in when no ZAP handler is bound, so this
 * one starts (and binds) before the first server socket binds, and it denies by default: a
 * request for a domain no socket registered is refused.
 * <p>
 * Each server socket registers its {@link #register policy} under its ZAP domain (by default the
 * socket's name). Every refusal is counted ({@link ZmqMetrics#authenticationDenied}) and logged
 * at WARN at most once a minute per domain and reason, with the peer's address and, for CURVE,
 * the client's public key.
 *
 * @author zmq-spring-boot
 */
public class ZmqZapHandler {

	/** The endpoint libzmq and JeroMQ send ZAP requests to. */
	public static final String ENDPOINT = "inproc://zeromq.zap.01";

	private static final Log logger = LogFactory.getLog(ZmqZapHandler.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final int POLL_MILLIS = 100;

	private final ZContext context;

	private final ZmqMetrics metrics;

	private final ZmqRateLimitedLog denials = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

	private final Object lifecycle = new Object();

	private @Nullable Thread thread;

	private volatile boolean stopping;

	public ZmqZapHandler(ZContext context, ZmqMetrics metrics) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(metrics, "'metrics' must not be null");
		this.context = context;
		this.metrics = metrics;
	}

	/**
	 * Register the policy of a server socket under its ZAP domain, starting the handler first if
	 * it is not running yet. Call before the socket binds.
	 * @param domain the socket's ZAP domain
	 * @param socketName the socket's name, for metrics and logs
	 * @param security the socket's security settings
	 * @throws ZmqException if another socket registered the domain with other settings, or the
	 * handler cannot bind {@link #ENDPOINT}
	 */
	public void register(String domain, String socketName, ZmqSecurity security) {
		Policy policy = new Policy(domain, socketName, security);
		Policy previous = this.policies.putIfAbsent(domain, policy);
		if (previous != null && !previous.socketName.equals(socketName)
				&& !previous.security.equals(security)) {
			throw new ZmqException("ZeroMQ sockets " + previous.socketName + " and " + socketName
					+ " share the ZAP domain '" + domain + "' but not their security settings; give each its own "
					+ "security.zap-domain");
		}
		if (previous != null && previous.socketName.equals(socketName)) {
			this.policies.put(domain, policy);
		}
		start();
	}

	/**
	 * Return whether the handler thread is running.
	 * @return whether it answers requests
	 */
	public boolean isRunning() {
		Thread running = this.thread;
		return running != null && running.isAlive();
	}

	private void start() {
		synchronized (this.lifecycle) {
			if (this.stopping) {
				// never let a server socket bind without a handler: JeroMQ would let everyone in
				throw new ZmqException("The ZeroMQ ZAP handler is stopped; a CURVE or PLAIN server socket cannot open");
			}
			if (isRunning()) {
				return;
			}
			CountDownLatch bound = new CountDownLatch(1);
			AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
			Thread handler = new Thread(() -> run(bound, failure), "zmq-zap-handler");
			handler.setDaemon(true);
			handler.start();
			boolean started;
			try {
				started = bound.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				started = false;
			}
			RuntimeException failed = failure.get();
			if (failed != null) {
				throw failed;
			}
			if (!started) {
				throw new ZmqException("The ZeroMQ ZAP handler did not start in time");
			}
			this.thread = handler;
		}
	}

	/**
	 * Stop the handler, waiting briefly for its thread. Call after every server socket closed:
	 * with no handler bound JeroMQ lets every peer in.
	 */
	public void stop() {
		Thread running;
		synchronized (this.lifecycle) {
			this.stopping = true;
			running = this.thread;
		}
		if (running != null && running != Thread.currentThread()) {
			try {
				running.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run(CountDownLatch bound, AtomicReference<@Nullable RuntimeException> failure) {
		ZMQ.Socket socket;
		try {
			socket = this.context.getContext().socket(SocketType.REP);
		}
		catch (RuntimeException ex) {
			failure.set(new ZmqException("Cannot create the ZeroMQ ZAP handler's socket: " + ex, ex));
			bound.countDown();
			return;
		}
		try {
			socket.setLinger(0);
			socket.setReceiveTimeOut(POLL_MILLIS);
			try {
				socket.bind(ENDPOINT);
			}
			catch (ZMQException ex) {
				failure.set(new ZmqException("Cannot bind the ZeroMQ ZAP handler to " + ENDPOINT
						+ ((ex.getErrorCode() == ZError.EADDRINUSE)
								? ": another ZAP handler (for example JeroMQ's ZAuth) is bound on this context"
								: ": " + ex),
						ex));
				return;
			}
			finally {
				bound.countDown();
			}
			logger.debug("ZeroMQ ZAP handler bound to " + ENDPOINT);
			serve(socket);
		}
		finally {
			try {
				socket.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the ZeroMQ ZAP handler's socket failed: " + ex);
			}
		}
	}

	private void serve(ZMQ.Socket socket) {
		while (!this.stopping) {
			List<byte[]> request;
			try {
				request = receive(socket);
				if (request == null) {
					continue;
				}
				List<String> reply = answer(request);
				for (int i = 0; i < reply.size(); i++) {
					byte[] bytes = reply.get(i).getBytes(StandardCharsets.UTF_8);
					if (i < reply.size() - 1) {
						socket.sendMore(bytes);
					}
					else {
						socket.send(bytes);
					}
				}
			}
			catch (ZMQException ex) {
				if (ex.getErrorCode() == ZError.ETERM) {
					return;
				}
				logger.warn("The ZeroMQ ZAP handler failed to answer a request: " + ex);
			}
			catch (RuntimeException ex) {
				logger.error("The ZeroMQ ZAP handler failed to answer a request", ex);
			}
		}
	}

	private static @Nullable List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(0);
		if (first == null) {
			int errno = socket.errno();
			if (errno == ZError.ETERM) {
				throw new ZMQException(errno);
			}
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (socket.hasReceiveMore() && frames.size() < 16) {
			byte[] next = socket.recv(0);
			if (next == null) {
				break;
			}
			frames.add(next);
		}
		while (socket.hasReceiveMore()) {
			socket.recv(0);
		}
		return frames;
	}

	private static byte[] frame(List<byte[]> frames, int index) {
		return (index < frames.size()) ? frames.get(index) : new byte[0];
	}

	private static String text(List<byte[]> frames, int index) {
		return new String(frame(frames, index), StandardCharsets.UTF_8);
	}

	/**
	 * Decide one request. Frames: version, request id, domain, address, routing id, mechanism,
	 * credentials (RFC 27).
	 * @param request the frames after the envelope
	 * @return the reply frames: version, request id, status code, status text, user id, metadata
	 */
	List<String> answer(List<byte[]> request) {
		String requestId = text(request, 1);
		if (!"1.0".equals(text(request, 0)) || request.size() < 6) {
			return List.of("1.0", requestId, "500", "Malformed ZAP request", "", "");
		}
		String domain = text(request, 2);
		String address = text(request, 3);
		String mechanism = text(request, 5);
		Policy policy = this.policies.get(domain);
		String clientKey = null;
		if ("CURVE".equals(mechanism) && request.size() > 6 && frame(request, 6).length == 32) {
			clientKey = ZMQ.Curve.z85Encode(frame(request, 6));
		}
		String reason;
		String user = "";
		if (policy == null) {
			reason = "unknown-domain";
		}
		else {
			reason = policy.refusal(address, mechanism, request);
			if (reason == null && "PLAIN".equals(mechanism)) {
				user = text(request, 6);
			}
			else if (reason == null && clientKey != null) {
				user = clientKey;
			}
		}
		if (reason == null) {
			return List.of("1.0", requestId, "200", "OK", user, "");
		}
		String socketName = (policy != null) ? policy.socketName : domain;
		this.metrics.authenticationDenied(socketName, domain, mechanism, reason);
		this.denials.warn(domain + "|" + reason,
				"ZeroMQ socket " + socketName + " refused a " + mechanism + " handshake from " + address
						+ ((clientKey != null) ? " (client public key " + clientKey + ")" : "") + ": " + reason
						+ " (ZAP domain '" + domain + "')",
				null);
		return List.of("1.0", requestId, "400", "Access denied: " + reason, "", "");
	}

	private static final class Policy {

		final String domain;

		final String socketName;

		final ZmqSecurity security;

		final Set<String> keys;

		final @Nullable ZmqCertificateDirectory directory;

		Policy(String domain, String socketName, ZmqSecurity security) {
			this.domain = domain;
			this.socketName = socketName;
			this.security = security;
			this.keys = security.curveAllowedKeys();
			this.directory = (security.curveAllowedKeysDirectory() != null)
					? new ZmqCertificateDirectory(security.curveAllowedKeysDirectory()) : null;
		}

		@Nullable String refusal(String address, String mechanism, List<byte[]> request) {
			if (!this.security.mechanism().name().equals(mechanism)) {
				return "mechanism-mismatch";
			}
			if (this.security.deniedAddresses().contains(address)) {
				return "address-denied";
			}
			if (!this.security.allowedAddresses().isEmpty() && !this.security.allowedAddresses().contains(address)) {
				return "address-not-allowed";
			}
			return switch (this.security.mechanism()) {
				case NULL -> null;
				case PLAIN -> plain(text(request, 6), frame(request, 7));
				case CURVE -> curve(frame(request, 6));
			};
		}

		private @Nullable String plain(String username, byte[] password) {
			String expected = this.security.plainUsers().get(username);
			if (expected == null) {
				return "unknown-user";
			}
			return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password) ? null
					: "wrong-password";
		}

		private @Nullable String curve(byte[] key) {
			if (key.length != 32) {
				return "malformed-key";
			}
			if (this.security.curveAllowAny()) {
				return null;
			}
			String z85 = ZMQ.Curve.z85Encode(key);
			if (this.keys.contains(z85)) {
				return null;
			}
			if (this.directory != null && this.directory.contains(z85)) {
				return null;
			}
			return "unknown-key";
		}

	}

}

package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.security.ZmqSecurity;
import io.zmqspring.template.ZmqRequestPolicy;
import io.zmqspring.template.ZmqSubscriberWait;

/**
 * Turns {@link ZmqProperties} into validated {@link ZmqSocketDefinition}s, failing with the name
 * of the property at fault.
 *
 * @author zmq-spring-boot
 */
final class ZmqSocketDefinitions {

	private ZmqSocketDefinitions() {
	}

	/**
	 * Check the context, template and listener properties, which are not part of any socket.
	 * @param properties the properties
	 * @throws ZmqConfigurationException naming the first property at fault
	 */
	static void validate(ZmqProperties properties) {
		validateContext(properties.getContext());
		validateTemplate(properties.getTemplate());
		validateListener(properties.getListener());
		properties.getSockets().forEach(ZmqSocketDefinitions::validateRequest);
		ZmqOutboxDefinitions.validate(properties);
	}

	/**
	 * Return the request policies of the sockets that set {@code request.*}.
	 * @param properties the properties, validated
	 * @return the policies by socket name
	 */
	static Map<String, ZmqRequestPolicy> requestPolicies(ZmqProperties properties) {
		Map<String, ZmqRequestPolicy> policies = new java.util.LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> {
			ZmqRequestProperties request = socket.getRequest();
			if (request.getRetries() > 0 || request.isFailFastWhenDisconnected()) {
				policies.put(name, new ZmqRequestPolicy(
						(request.getRetries() > 0) ? ZmqRequestPolicy.retryOnTimeout(request.getRetries()) : null,
						(request.getRetries() > 0) ? request.getTryTimeout() : null,
						request.isFailFastWhenDisconnected()));
			}
		});
		return policies;
	}

	private static void validateRequest(String name, ZmqSocketProperties socket) {
		String prefix = "zmq.sockets." + name + ".request.";
		ZmqRequestProperties request = socket.getRequest();
		if (request.getRetries() < 0) {
			throw new ZmqConfigurationException(prefix + "retries", request.getRetries(), "must not be negative");
		}
		Duration tryTimeout = request.getTryTimeout();
		if (tryTimeout != null && (tryTimeout.isNegative() || tryTimeout.isZero())) {
			throw new ZmqConfigurationException(prefix + "try-timeout", tryTimeout, "must be positive");
		}
		if (request.getRetries() > 0 && tryTimeout == null) {
			throw new ZmqConfigurationException(prefix + "try-timeout", null,
					"retries need a try-timeout: how long each try waits for its reply before it is sent again");
		}
		boolean set = request.getRetries() > 0 || tryTimeout != null || request.isFailFastWhenDisconnected();
		ZmqSocketType type = socket.getType();
		if (set && type != null && !type.isRequester()) {
			String property = (request.getRetries() > 0) ? "retries"
					: (tryTimeout != null) ? "try-timeout" : "fail-fast-when-disconnected";
			Object value = (request.getRetries() > 0) ? request.getRetries()
					: (tryTimeout != null) ? tryTimeout : Boolean.TRUE;
			throw new ZmqConfigurationException(prefix + property, value, "socket '" + name + "' is a " + type
					+ " socket; request settings apply to the template's request-reply on REQ and DEALER sockets");
		}
	}

	static ZmqSocketOptions defaults(ZmqProperties properties) {
		ZmqSocketOptions defaults = options(properties.getDefaults(), null)
			.withHeaders(headers(properties.getDefaults().getHeaders(), ZmqHeaderSettings.DISABLED));
		defaults.validate("zmq.defaults");
		ZmqSecurity security = ZmqSecurityProperties.resolve("zmq.defaults.security",
				properties.getDefaults().getSecurity(), ZmqSecurity.NONE);
		return defaults.withSecurity(security);
	}

	static List<ZmqSocketDefinition> sockets(ZmqProperties properties, ZmqSocketOptions defaults) {
		List<ZmqSocketDefinition> definitions = new ArrayList<>();
		Map<String, ZmqSocketDefinition> byZapDomain = new java.util.HashMap<>();
		for (Map.Entry<String, ZmqSocketProperties> entry : properties.getSockets().entrySet()) {
			ZmqSocketDefinition definition = socket(entry.getKey(), entry.getValue(), defaults);
			ZmqSecurity security = definition.options().security();
			if (security.usesZap(definition.endpoints().stream().anyMatch(ZmqEndpoint::bind))) {
				String domain = security.zapDomainOr(definition.name());
				ZmqSocketDefinition other = byZapDomain.putIfAbsent(domain, definition);
				if (other != null && !other.options().security().equals(security)) {
					throw new ZmqConfigurationException("zmq.sockets." + definition.name() + ".security.zap-domain",
							domain, "socket '" + other.name() + "' has the same ZAP domain with other security "
									+ "settings; one domain has one policy, so give each socket its own zap-domain");
				}
			}
			definitions.add(definition);
		}
		return definitions;
	}

	private static void validateContext(ZmqProperties.Context context) {
		if (context.getIoThreads() < 1) {
			throw new ZmqConfigurationException("zmq.context.io-threads", context.getIoThreads(), "must be at least 1");
		}
		if (context.getShutdownTimeout().isNegative()) {
			throw new ZmqConfigurationException("zmq.context.shutdown-timeout", context.getShutdownTimeout(),
					"must not be negative");
		}
	}

	private static void validateTemplate(ZmqProperties.Template template) {
		Duration replyTimeout = template.getReplyTimeout();
		if (replyTimeout.isNegative() || replyTimeout.isZero()) {
			throw new ZmqConfigurationException("zmq.template.reply-timeout", replyTimeout, "must be positive");
		}
		if (template.getSendQueueCapacity() < 1) {
			throw new ZmqConfigurationException("zmq.template.send-queue-capacity", template.getSendQueueCapacity(),
					"must be positive");
		}
	}

	private static void validateListener(ZmqProperties.Listener listener) {
		if (listener.getStopTimeout().isNegative()) {
			throw new ZmqConfigurationException("zmq.listener.stop-timeout", listener.getStopTimeout(),
					"must not be negative");
		}
		Duration asyncReplyTimeout = listener.getAsyncReplyTimeout();
		if (asyncReplyTimeout.isNegative() || asyncReplyTimeout.isZero()) {
			throw new ZmqConfigurationException("zmq.listener.async-reply-timeout", asyncReplyTimeout,
					"must be positive");
		}
	}

	private static ZmqSocketDefinition socket(String name, ZmqSocketProperties socket, ZmqSocketOptions defaults) {
		return socket(name, "zmq.sockets." + name, socket, defaults);
	}

	/**
	 * Build and check one socket's definition.
	 * @param name the socket's name
	 * @param prefix the prefix of its properties, for errors
	 * @param socket its properties
	 * @param defaults the options it starts from
	 * @return the definition
	 * @throws ZmqConfigurationException naming the first property at fault
	 */
	static ZmqSocketDefinition socket(String name, String prefix, ZmqSocketProperties socket,
			ZmqSocketOptions defaults) {
		ZmqSocketType type = socket.getType();
		if (type == null) {
			throw new ZmqConfigurationException(prefix + ".type", null,
					"a socket needs a type (PUB, SUB, XPUB, XSUB, PUSH, PULL, REQ, REP, DEALER, ROUTER, PAIR, CLIENT or SERVER)");
		}
		if (socket.getEndpoints().isEmpty()) {
			throw new ZmqConfigurationException(prefix + ".endpoints", null,
					"a socket needs at least one endpoint, for example '>tcp://localhost:5555'");
		}
		boolean bind = (socket.getBind() != null) ? socket.getBind() : type.bindsByDefault();
		List<ZmqEndpoint> endpoints = new ArrayList<>();
		for (int i = 0; i < socket.getEndpoints().size(); i++) {
			String spec = socket.getEndpoints().get(i);
			try {
				endpoints.add(ZmqEndpoint.parse(spec, bind));
			}
			catch (IllegalArgumentException ex) {
				throw new ZmqConfigurationException(prefix + ".endpoints[" + i + "]", spec, ex.getMessage());
			}
		}
		validateSubscriberWait(prefix, type, socket);
		ZmqSocketOptions options = options(socket, defaults)
			.withHeaders(headers(socket.getHeaders(), defaults.headers()));
		if (type.isSingleFrame() && options.headers().enabled()) {
			throw new ZmqConfigurationException(prefix + ".headers.enabled", true, "a " + type
					+ " socket carries one frame per message, so no header frame; set it to false for this socket");
		}
		if (socket.getRoutingId() != null) {
			options = options.withRoutingId(socket.getRoutingId());
		}
		options.validate(prefix);
		ZmqSecurity security = ZmqSecurityProperties.resolve(prefix + ".security", socket.getSecurity(),
				defaults.security());
		security.validate(prefix + ".security", endpoints.stream().anyMatch(ZmqEndpoint::bind));
		return new ZmqSocketDefinition(name, type, endpoints, socket.getTopics(), options.withSecurity(security));
	}

	/**
	 * Return the publishing sockets whose first send waits for their subscribers.
	 * @param properties the properties
	 * @return the waits, by socket name
	 */
	static Map<String, ZmqSubscriberWait> subscriberWaits(ZmqProperties properties) {
		Map<String, ZmqSubscriberWait> waits = new java.util.LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> {
			Integer subscribers = socket.getWaitForSubscribers();
			if (subscribers != null) {
				waits.put(name, new ZmqSubscriberWait(subscribers, socket.getWaitForSubscribersTimeout()));
			}
		});
		return waits;
	}

	private static void validateSubscriberWait(String prefix, ZmqSocketType type, ZmqSocketProperties socket) {
		Integer subscribers = socket.getWaitForSubscribers();
		if (subscribers == null) {
			return;
		}
		if (!type.isPublisher()) {
			throw new ZmqConfigurationException(prefix + ".wait-for-subscribers", subscribers,
					"only a PUB or XPUB socket has subscribers to wait for, but this socket is " + type);
		}
		if (subscribers < 0) {
			throw new ZmqConfigurationException(prefix + ".wait-for-subscribers", subscribers,
					"must not be negative (0 counts subscriptions without holding the first send)");
		}
		Duration timeout = socket.getWaitForSubscribersTimeout();
		if (timeout.isNegative() || timeout.isZero()) {
			throw new ZmqConfigurationException(prefix + ".wait-for-subscribers-timeout", timeout, "must be positive");
		}
	}

	private static ZmqHeaderSettings headers(ZmqHeadersProperties own, ZmqHeaderSettings defaults) {
		boolean enabled = (own.getEnabled() != null) ? own.getEnabled() : defaults.enabled();
		List<String> allowed = (own.getAllowed() != null) ? own.getAllowed() : defaults.allowed();
		return new ZmqHeaderSettings(enabled, allowed);
	}

	private static ZmqSocketOptions options(ZmqSocketOptionsProperties own,
			@Nullable ZmqSocketOptions defaults) {
		DataSize maxSize = own.getMaxMessageSize();
		Long maxMessageSize = (maxSize != null) ? Long.valueOf(maxSize.toBytes())
				: (defaults != null) ? defaults.maxMessageSize() : null;
		return new ZmqSocketOptions(pick(own.getSendHwm(), defaults, ZmqSocketOptions::sendHwm),
				pick(own.getReceiveHwm(), defaults, ZmqSocketOptions::receiveHwm),
				pick(own.getLinger(), defaults, ZmqSocketOptions::linger),
				pick(own.getReconnectInterval(), defaults, ZmqSocketOptions::reconnectInterval),
				pick(own.getReconnectIntervalMax(), defaults, ZmqSocketOptions::reconnectIntervalMax),
				pick(own.getHeartbeatInterval(), defaults, ZmqSocketOptions::heartbeatInterval),
				pick(own.getHeartbeatTimeout(), defaults, ZmqSocketOptions::heartbeatTimeout),
				pick(own.getHeartbeatTtl(), defaults, ZmqSocketOptions::heartbeatTtl),
				pick(own.getSendTimeout(), defaults, ZmqSocketOptions::sendTimeout), maxMessageSize,
				pick(own.getImmediate(), defaults, ZmqSocketOptions::immediate),
				pick(own.getHandshakeInterval(), defaults, ZmqSocketOptions::handshakeInterval), null);
	}

	private static <T> @Nullable T pick(@Nullable T own, @Nullable ZmqSocketOptions defaults,
			Function<ZmqSocketOptions, @Nullable T> fromDefaults) {
		if (own != null) {
			return own;
		}
		return (defaults != null) ? fromDefaults.apply(defaults) : null;
	}

}

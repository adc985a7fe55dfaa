package io.zmqspring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.ClassUtils;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.outbox.ZmqDedupSettings;
import io.zmqspring.outbox.ZmqOutboxSettings;

/**
 * Checks the {@code zmq.sockets.<name>.outbox.*} properties, failing with the name of the
 * property at fault, and turns them into settings.
 *
 * @author zmq-spring-boot
 */
final class ZmqOutboxDefinitions {

	private static final String STORE_CLASS = "org.h2.mvstore.MVStore";

	private ZmqOutboxDefinitions() {
	}

	/**
	 * Check the outbox properties of every socket.
	 * @param properties the properties
	 * @throws ZmqConfigurationException naming the first property at fault
	 */
	static void validate(ZmqProperties properties) {
		properties.getSockets().forEach((name, socket) -> {
			ZmqOutboxProperties outbox = socket.getOutbox();
			String prefix = "zmq.sockets." + name + ".outbox.";
			ZmqSocketType type = socket.getType();
			if (outbox.isEnabled()) {
				requireStore(prefix + "enabled");
				if (type != null && type != ZmqSocketType.DEALER && type != ZmqSocketType.PAIR) {
					throw new ZmqConfigurationException(prefix + "enabled", true, "a " + type
							+ " socket cannot carry the receiver's acknowledgements back; use a DEALER (to a ROUTER "
							+ "or DEALER listener) or a PAIR socket");
				}
				if (outbox.getDedup().isEnabled()) {
					throw new ZmqConfigurationException(prefix + "dedup.enabled", true,
							"a socket is either the sending end of an outbox (outbox.enabled) or the receiving end");
				}
				positive(prefix + "ack-timeout", outbox.getAckTimeout());
				if (outbox.getMaxInFlight() < 1) {
					throw new ZmqConfigurationException(prefix + "max-in-flight", outbox.getMaxInFlight(),
							"must be at least 1");
				}
				if (outbox.getMaxSize().toBytes() < 1) {
					throw new ZmqConfigurationException(prefix + "max-size", outbox.getMaxSize(), "must be positive");
				}
			}
			if (outbox.getDedup().isEnabled()) {
				requireStore(prefix + "dedup.enabled");
				if (type != null && type != ZmqSocketType.ROUTER && type != ZmqSocketType.DEALER
						&& type != ZmqSocketType.PAIR) {
					throw new ZmqConfigurationException(prefix + "dedup.enabled", true, "a " + type
							+ " socket cannot send acknowledgements to an outbox; use a ROUTER, DEALER or PAIR socket");
				}
				positive(prefix + "dedup.retention", outbox.getDedup().getRetention());
			}
			if ((outbox.isEnabled() || outbox.getDedup().isEnabled()) && outbox.getDirectory().isBlank()) {
				throw new ZmqConfigurationException(prefix + "directory", outbox.getDirectory(), "must not be empty");
			}
		});
	}

	/**
	 * Return the settings of the sockets whose template sends go through an outbox.
	 * @param properties the properties, validated
	 * @return the settings by socket name
	 */
	static Map<String, ZmqOutboxSettings> outboxes(ZmqProperties properties) {
		Map<String, ZmqOutboxSettings> outboxes = new LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> {
			ZmqOutboxProperties outbox = socket.getOutbox();
			if (outbox.isEnabled()) {
				outboxes.put(name, new ZmqOutboxSettings(Path.of(outbox.getDirectory()), outbox.getSync(),
						outbox.getAckTimeout(), outbox.getMaxInFlight(), outbox.getMaxSize().toBytes()));
			}
		});
		return outboxes;
	}

	/**
	 * Return the settings of the sockets whose listeners acknowledge and de-duplicate.
	 * @param properties the properties, validated
	 * @return the settings by socket name
	 */
	static Map<String, ZmqDedupSettings> deduplicators(ZmqProperties properties) {
		Map<String, ZmqDedupSettings> dedup = new LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> {
			ZmqOutboxProperties outbox = socket.getOutbox();
			if (outbox.getDedup().isEnabled()) {
				dedup.put(name, new ZmqDedupSettings(Path.of(outbox.getDirectory()), outbox.getDedup().getSync(),
						outbox.getDedup().getRetention()));
			}
		});
		return dedup;
	}

	private static void requireStore(String property) {
		if (!ClassUtils.isPresent(STORE_CLASS, ZmqOutboxDefinitions.class.getClassLoader())) {
			throw new ZmqConfigurationException(property, true,
					"the durable outbox stores its messages with H2's MVStore: add com.h2database:h2 to the class path");
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new ZmqConfigurationException(property, value, "must be positive");
		}
	}

}

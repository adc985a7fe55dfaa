package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.zmqspring.config.ZmqConfigProtocol;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketType;

/**
 * Finds and checks the sockets of the configuration centre: sockets under {@code zmq.sockets},
 * named by {@code zmq.config-server.*} and {@code zmq.config-client.*}, of the types the
 * protocol needs and without the header frame (the protocol's frames are its own). Errors name
 * the property.
 *
 * @author zmq-spring-boot
 */
final class ZmqConfigSockets {

	static final Set<ZmqSocketType> CLIENT_SNAPSHOT = Set.of(ZmqSocketType.DEALER, ZmqSocketType.REQ);

	static final Set<ZmqSocketType> CLIENT_UPDATES = Set.of(ZmqSocketType.SUB);

	static final Set<ZmqSocketType> SERVER_SNAPSHOT = Set.of(ZmqSocketType.ROUTER);

	static final Set<ZmqSocketType> SERVER_PUBLISH = Set.of(ZmqSocketType.PUB, ZmqSocketType.XPUB);

	private ZmqConfigSockets() {
	}

	/**
	 * Check a socket the configuration centre names.
	 * @param property the property that names it
	 * @param name the socket's name
	 * @param definition its definition, or {@code null} when no socket has that name
	 * @param types the types it may have
	 * @return the definition
	 * @throws ZmqConfigurationException naming the property
	 */
	static ZmqSocketDefinition check(String property, String name, @Nullable ZmqSocketDefinition definition,
			Set<ZmqSocketType> types) {
		if (definition == null) {
			throw new ZmqConfigurationException(property, name, "there is no socket '" + name
					+ "' under zmq.sockets; declare a " + describe(types) + " socket of that name (type and endpoints)");
		}
		if (!types.contains(definition.type())) {
			throw new ZmqConfigurationException(property, name, "socket '" + name + "' is a " + definition.type()
					+ " socket; the configuration centre needs a " + describe(types) + " socket here");
		}
		if (definition.options().headers().enabled()) {
			throw new ZmqConfigurationException("zmq.sockets." + name + ".headers.enabled", true,
					"the configuration centre's socket carries the frames of its own protocol; set it to false "
							+ "for this socket");
		}
		return definition;
	}

	/**
	 * Return the client's updates socket subscribed to the protocol's messages: a SUB socket with
	 * no topics subscribes to them; one with topics must have one that covers them.
	 * @param property the property that names the socket
	 * @param definition the checked definition
	 * @return the definition to open
	 */
	static ZmqSocketDefinition subscribed(String property, ZmqSocketDefinition definition) {
		if (definition.topics().isEmpty()) {
			return new ZmqSocketDefinition(definition.name(), definition.type(), definition.endpoints(),
					List.of(ZmqConfigProtocol.TOPIC), definition.options());
		}
		if (definition.topics().stream().noneMatch(ZmqConfigProtocol.TOPIC::startsWith)) {
			throw new ZmqConfigurationException("zmq.sockets." + definition.name() + ".topics", definition.topics(),
					"socket '" + definition.name() + "' (" + property + ") must subscribe to the configuration "
							+ "centre's messages, which start with '" + ZmqConfigProtocol.TOPIC
							+ "'; leave its topics out or add that one");
		}
		return definition;
	}

	/**
	 * Check that a duration is positive.
	 * @param property the property
	 * @param value the value
	 */
	static void positive(String property, Duration value) {
		if (value.toMillis() <= 0) {
			throw new ZmqConfigurationException(property, value, "must be at least 1ms");
		}
	}

	private static String describe(Set<ZmqSocketType> types) {
		List<String> names = new ArrayList<>();
		types.stream().map(Enum::name).sorted().forEach(names::add);
		return String.join(" or ", names);
	}

}

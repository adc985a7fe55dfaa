package io.zmqspring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The named sockets of the application, and the endpoints each one actually bound or connected
 * to once open (a {@code tcp://127.0.0.1:*} bind is read back with its real port).
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketRegistry {

	private final Map<String, ZmqSocketDefinition> definitions;

	private final Map<String, List<String>> endpoints = new ConcurrentHashMap<>();

	private final ZmqSocketOptions defaultOptions;

	public ZmqSocketRegistry(Collection<ZmqSocketDefinition> definitions) {
		this(definitions, ZmqSocketOptions.NONE);
	}

	public ZmqSocketRegistry(Collection<ZmqSocketDefinition> definitions, ZmqSocketOptions defaultOptions) {
		Assert.notNull(defaultOptions, "'defaultOptions' must not be null");
		this.defaultOptions = defaultOptions;
		Map<String, ZmqSocketDefinition> byName = new LinkedHashMap<>();
		for (ZmqSocketDefinition definition : definitions) {
			Assert.isTrue(byName.put(definition.name(), definition) == null,
					() -> "Duplicate socket name '" + definition.name() + "'");
		}
		this.definitions = Collections.unmodifiableMap(byName);
	}

	/**
	 * Return the options sockets start from, for sockets declared outside configuration (for
	 * example inline on a listener).
	 * @return the default options
	 */
	public ZmqSocketOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	/**
	 * Return the definition of a configured socket that something names.
	 * @param description what names the socket, named in the error (for example
	 * {@code @ZmqListener 'orders' on Handlers.order})
	 * @param name the socket name
	 * @return the definition
	 * @throws ZmqConfigurationException if no socket of that name is configured
	 */
	public ZmqSocketDefinition getDefinition(String description, String name) {
		ZmqSocketDefinition definition = this.definitions.get(name);
		if (definition == null) {
			throw new ZmqConfigurationException(description + " socket", name,
					"no socket of that name is configured under zmq.sockets; configured sockets: "
							+ (this.definitions.isEmpty() ? "none" : this.definitions.keySet()));
		}
		return definition;
	}

	/**
	 * Return the definition of a socket declared outside configuration, for example inline on a
	 * listener or a Spring Integration adapter: its endpoints as written ({@code @} binds,
	 * {@code >} connects) and the default options.
	 * @param description who declares the socket, named in errors (for example
	 * {@code @ZmqListener 'orders' on Handlers.order})
	 * @param name the socket's name, which no configured socket may have
	 * @param type the socket type
	 * @param bind whether endpoints without a prefix bind
	 * @param endpoints the endpoints as written
	 * @param topics the subscriptions of a SUB or XSUB socket
	 * @return the definition
	 * @throws ZmqConfigurationException naming the declaration when a value cannot work
	 */
	public ZmqSocketDefinition inlineDefinition(String description, String name, ZmqSocketType type, boolean bind,
			List<String> endpoints, List<String> topics) {
		if (this.definitions.containsKey(name)) {
			throw new ZmqConfigurationException(description + " id", name,
					"an inline socket takes the id of what declares it as its name, and a socket of that name is "
							+ "already configured under zmq.sockets; choose another id");
		}
		List<ZmqEndpoint> parsed = new ArrayList<>();
		for (String endpoint : endpoints) {
			try {
				parsed.add(ZmqEndpoint.parse(endpoint, bind));
			}
			catch (IllegalArgumentException ex) {
				throw new ZmqConfigurationException(description + " endpoints", endpoint, ex.getMessage());
			}
		}
		try {
			// checked when configured as zmq.defaults, but not when the application supplies its own registry
			this.defaultOptions.validate("zmq.defaults");
		}
		catch (ZmqConfigurationException ex) {
			throw new ZmqConfigurationException(ex.getProperty(), ex.getValue(),
					ex.getReason() + "; " + description + " declares its socket inline, with the default options");
		}
		return new ZmqSocketDefinition(name, type, parsed, topics, this.defaultOptions);
	}

	/**
	 * Return the definition of a named socket.
	 * @param name the socket name
	 * @return the definition
	 * @throws ZmqSocketNotFoundException if no socket has that name
	 */
	public ZmqSocketDefinition getDefinition(String name) {
		ZmqSocketDefinition definition = this.definitions.get(name);
		if (definition == null) {
			throw new ZmqSocketNotFoundException(name, this.definitions.keySet());
		}
		return definition;
	}

	/**
	 * Return the definition of a named socket, if configured.
	 * @param name the socket name
	 * @return the definition or {@code null}
	 */
	public @Nullable ZmqSocketDefinition findDefinition(String name) {
		return this.definitions.get(name);
	}

	/**
	 * Return all configured definitions, in configuration order.
	 * @return the definitions by name
	 */
	public Map<String, ZmqSocketDefinition> getDefinitions() {
		return this.definitions;
	}

	/**
	 * Return the endpoints a socket is bound or connected to, with wildcard ports resolved.
	 * @param name the socket or listener socket name
	 * @return the endpoints (for example {@code tcp://127.0.0.1:41234}), empty if not open
	 */
	public List<String> getActualEndpoints(String name) {
		return this.endpoints.getOrDefault(name, List.of());
	}

	/**
	 * Return the first endpoint a socket is bound or connected to.
	 * @param name the socket or listener socket name
	 * @return the endpoint
	 * @throws IllegalStateException if the socket is not open
	 */
	public String getActualEndpoint(String name) {
		List<String> actual = getActualEndpoints(name);
		Assert.state(!actual.isEmpty(), () -> "Socket '" + name + "' is not open");
		return actual.get(0);
	}

	void recordEndpoints(String name, List<String> actual) {
		this.endpoints.put(name, List.copyOf(actual));
	}

	void forgetEndpoints(String name) {
		this.endpoints.remove(name);
	}

}

package io.zmqspring.test.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.Assert;

/**
 * Free ports as properties, like Spring Boot's {@code random.*}: {@code zmq-test.port.<key>}
 * is a free loopback port and {@code zmq-test.endpoint.<key>} the tcp endpoint on it,
 * {@code tcp://127.0.0.1:<port>}. The same key gives the same port for the life of the
 * environment, so both sides of a connection use it:
 * <pre class="code">
 * zmq.sockets.orders.endpoints=@${zmq-test.endpoint.orders}     # the listener binds
 * zmq.sockets.orders-out.endpoints=>${zmq-test.endpoint.orders} # the template connects
 * </pre>
 * The source is not enumerable, so it never shows up as a configuration property.
 *
 * @author zmq-spring-boot
 */
public class ZmqFreePortPropertySource extends PropertySource<Object> {

	/** The name of this property source in an environment. */
	public static final String NAME = "zmqFreePorts";

	/** The prefix of a port property. */
	public static final String PORT_PREFIX = "zmq-test.port.";

	/** The prefix of an endpoint property. */
	public static final String ENDPOINT_PREFIX = "zmq-test.endpoint.";

	private final Map<String, Integer> ports = new ConcurrentHashMap<>();

	/** Create a source that has chosen no port yet. */
	public ZmqFreePortPropertySource() {
		super(NAME, new Object());
	}

	/**
	 * Add a free-port source to an environment that has none yet, last, so that any value set
	 * explicitly for a key wins.
	 * @param environment the environment
	 */
	public static void addTo(ConfigurableEnvironment environment) {
		Assert.notNull(environment, "'environment' must not be null");
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new ZmqFreePortPropertySource());
		}
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (name.startsWith(PORT_PREFIX)) {
			return portFor(key(name, PORT_PREFIX));
		}
		if (name.startsWith(ENDPOINT_PREFIX)) {
			return ZmqFreePorts.endpoint(portFor(key(name, ENDPOINT_PREFIX)));
		}
		return null;
	}

	/**
	 * Return the port of a key, choosing a free one the first time.
	 * @param key the key, for example {@code orders}
	 * @return the port
	 */
	public int portFor(String key) {
		Assert.hasText(key, "'key' must not be empty");
		return this.ports.computeIfAbsent(key, (ignored) -> ZmqFreePorts.port());
	}

	private static String key(String name, String prefix) {
		String key = name.substring(prefix.length());
		Assert.hasText(key, () -> "Property '" + name + "' names no key: use " + prefix + "<key>");
		return key;
	}

}

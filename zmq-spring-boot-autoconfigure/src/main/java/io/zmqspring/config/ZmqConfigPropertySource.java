package io.zmqspring.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.util.Assert;

/**
 * The properties a configuration client received, as a property source of the
 * {@code Environment}. It holds one state at a time, replaced as a whole: a reader sees the
 * properties of one snapshot or update batch, never half of one. Only the client's thread
 * replaces it; any thread reads it.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigPropertySource extends EnumerablePropertySource<Object> {

	/** The name of the property source in the {@code Environment}. */
	public static final String NAME = "zmqConfigCentre";

	private static final State EMPTY = new State(false, 0, 0, Map.of());

	private volatile State state = EMPTY;

	public ZmqConfigPropertySource() {
		super(NAME, new Object());
	}

	/**
	 * Return the property source of an environment, adding an empty one if there is none yet:
	 * first, except behind the command line arguments, so that its properties win over the
	 * application's own files, system properties and environment variables.
	 * @param environment the environment
	 * @return the property source
	 */
	public static ZmqConfigPropertySource of(ConfigurableEnvironment environment) {
		MutablePropertySources sources = environment.getPropertySources();
		synchronized (sources) {
			PropertySource<?> existing = sources.get(NAME);
			if (existing instanceof ZmqConfigPropertySource source) {
				return source;
			}
			Assert.state(existing == null, () -> "The environment has a property source named " + NAME
					+ " that is not a " + ZmqConfigPropertySource.class.getSimpleName());
			ZmqConfigPropertySource source = new ZmqConfigPropertySource();
			if (sources.contains(SimpleCommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(SimpleCommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, source);
			}
			else {
				sources.addFirst(source);
			}
			return source;
		}
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return this.state.properties().get(name);
	}

	@Override
	public boolean containsProperty(String name) {
		return this.state.properties().containsKey(name);
	}

	@Override
	public String[] getPropertyNames() {
		return this.state.names().clone();
	}

	/**
	 * Return the properties now.
	 * @return the properties, unmodifiable and sorted by key
	 */
	public Map<String, String> getProperties() {
		return this.state.properties();
	}

	/**
	 * Whether the source holds a server's state: a snapshot arrived once.
	 * @return {@code false} until the first snapshot
	 */
	public boolean isSynchronized() {
		return this.state.synced();
	}

	/**
	 * Return the epoch of the server the properties came from.
	 * @return the epoch, 0 before the first snapshot
	 */
	public long getEpoch() {
		return this.state.epoch();
	}

	/**
	 * Return the number of the server's last update the properties include.
	 * @return the sequence, 0 before the first snapshot
	 */
	public long getSequence() {
		return this.state.sequence();
	}

	/**
	 * Replace the properties with a server's state.
	 * @param epoch the server's epoch
	 * @param sequence the number of the last update included
	 * @param properties the properties
	 */
	public void replace(long epoch, long sequence, Map<String, String> properties) {
		this.state = new State(true, epoch, sequence, Collections.unmodifiableMap(new TreeMap<>(properties)));
	}

	private record State(boolean synced, long epoch, long sequence, Map<String, String> properties, String[] names) {

		State(boolean synced, long epoch, long sequence, Map<String, String> properties) {
			this(synced, epoch, sequence, properties, properties.keySet().toArray(new String[0]));
		}

	}

}

package io.zmqspring.config;

import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * {@link ZmqConfigMetrics} as Micrometer meters:
 * <ul>
 * <li>{@code zmq.config.client.updates}: updates a client applied</li>
 * <li>{@code zmq.config.client.snapshots}: snapshots a client took</li>
 * <li>{@code zmq.config.client.gaps}: times a client found it missed updates</li>
 * <li>{@code zmq.config.client.server.restarts}: server restarts a client detected</li>
 * <li>{@code zmq.config.client.sequence}: a gauge of the client's sequence number</li>
 * <li>{@code zmq.config.server.updates}: updates a server published</li>
 * <li>{@code zmq.config.server.snapshots}: snapshot requests a server answered</li>
 * <li>{@code zmq.config.server.sequence}: a gauge of the server's sequence number</li>
 * </ul>
 * Counters are looked up when they count: a configuration centre changes at human rates.
 *
 * @author zmq-spring-boot
 */
public class MicrometerZmqConfigMetrics implements ZmqConfigMetrics {

	private static final String CLIENT_UPDATES = "zmq.config.client.updates";

	private static final String CLIENT_SNAPSHOTS = "zmq.config.client.snapshots";

	private static final String CLIENT_GAPS = "zmq.config.client.gaps";

	private static final String CLIENT_RESTARTS = "zmq.config.client.server.restarts";

	private static final String SERVER_UPDATES = "zmq.config.server.updates";

	private static final String SERVER_SNAPSHOTS = "zmq.config.server.snapshots";

	private final MeterRegistry registry;

	public MicrometerZmqConfigMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void updateApplied() {
		counter(CLIENT_UPDATES).increment();
	}

	@Override
	public void snapshot() {
		counter(CLIENT_SNAPSHOTS).increment();
	}

	@Override
	public void gap() {
		counter(CLIENT_GAPS).increment();
	}

	@Override
	public void serverRestart() {
		counter(CLIENT_RESTARTS).increment();
	}

	@Override
	public void clientSequence(LongSupplier sequence) {
		Gauge.builder("zmq.config.client.sequence", sequence, LongSupplier::getAsLong)
			.description("Number of the last update the configuration client has")
			.strongReference(true)
			.register(this.registry);
		// a client's counters show from its start, at zero
		counter(CLIENT_UPDATES);
		counter(CLIENT_SNAPSHOTS);
		counter(CLIENT_GAPS);
		counter(CLIENT_RESTARTS);
	}

	@Override
	public void updatePublished() {
		counter(SERVER_UPDATES).increment();
	}

	@Override
	public void snapshotServed() {
		counter(SERVER_SNAPSHOTS).increment();
	}

	@Override
	public void serverSequence(LongSupplier sequence) {
		Gauge.builder("zmq.config.server.sequence", sequence, LongSupplier::getAsLong)
			.description("Number of the configuration server's last update")
			.strongReference(true)
			.register(this.registry);
		counter(SERVER_UPDATES);
		counter(SERVER_SNAPSHOTS);
	}

	private Counter counter(String name) {
		return Counter.builder(name).description(description(name)).register(this.registry);
	}

	private static String description(String name) {
		return switch (name) {
			case CLIENT_UPDATES -> "Updates the configuration client applied";
			case CLIENT_SNAPSHOTS -> "Snapshots the configuration client took";
			case CLIENT_GAPS -> "Times the configuration client found it missed updates";
			case CLIENT_RESTARTS -> "Restarts of the configuration server the client detected";
			case SERVER_UPDATES -> "Updates the configuration server published";
			default -> "Snapshot requests the configuration server answered";
		};
	}

}

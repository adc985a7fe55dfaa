package io.zmqspring.transfer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * {@link ZmqTransferMetrics} as Micrometer meters, all tagged {@code socket} and
 * {@code direction} ({@code sent} or {@code received}):
 * <ul>
 * <li>{@code zmq.transfer.bytes}, {@code zmq.transfer.chunks}: counters of the data moved</li>
 * <li>{@code zmq.transfer.completed}: transfers whose receiver confirmed the whole payload</li>
 * <li>{@code zmq.transfer.aborted} (also {@code reason}): transfers refused or ended early</li>
 * <li>{@code zmq.transfer.active}: a gauge of the transfers in progress</li>
 * </ul>
 * The counters of the data are looked up once per socket and side and kept.
 *
 * @author zmq-spring-boot
 */
public class MicrometerZmqTransferMetrics implements ZmqTransferMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter[]> dataCounters = new ConcurrentHashMap<>();

	public MicrometerZmqTransferMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void chunk(String socket, Direction direction, long bytes) {
		Counter[] counters = this.dataCounters.computeIfAbsent(socket + '\u0000' + direction.tag(),
				(key) -> new Counter[] {
						Counter.builder("zmq.transfer.bytes")
							.description("Payload bytes of chunked transfers")
							.baseUnit("bytes")
							.tags("socket", socket, "direction", direction.tag())
							.register(this.registry),
						Counter.builder("zmq.transfer.chunks")
							.description("Chunks of chunked transfers")
							.tags("socket", socket, "direction", direction.tag())
							.register(this.registry) });
		counters[0].increment(bytes);
		counters[1].increment();
	}

	@Override
	public void completed(String socket, Direction direction) {
		Counter.builder("zmq.transfer.completed")
			.description("Transfers whose receiver confirmed the whole payload")
			.tags("socket", socket, "direction", direction.tag())
			.register(this.registry)
			.increment();
	}

	@Override
	public void aborted(String socket, Direction direction, String reason) {
		Counter.builder("zmq.transfer.aborted")
			.description("Transfers refused or ended before their payload was complete")
			.tags("socket", socket, "direction", direction.tag(), "reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void active(String socket, Direction direction, IntSupplier active) {
		Gauge.builder("zmq.transfer.active", active, IntSupplier::getAsInt)
			.description("Transfers in progress")
			.tags("socket", socket, "direction", direction.tag())
			.strongReference(true)
			.register(this.registry);
	}

}

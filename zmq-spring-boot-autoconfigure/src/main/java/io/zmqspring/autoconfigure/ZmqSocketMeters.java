package io.zmqspring.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.beans.factory.InitializingBean;

import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketStats;

/**
 * Meters on each socket's {@link ZmqSocketStats}, tagged with the socket's name and type (never a
 * peer address or routing id):
 * <ul>
 * <li>{@code zmq.socket.messages.sent}, {@code zmq.socket.messages.received}: messages</li>
 * <li>{@code zmq.socket.bytes.sent}, {@code zmq.socket.bytes.received}: bytes over all frames</li>
 * <li>{@code zmq.socket.connections}: connections open now</li>
 * <li>{@code zmq.socket.queue.size}: messages waiting in the socket's send queue</li>
 * </ul>
 * The socket's owner thread keeps the figures with plain stores; the meters read them when
 * scraped, so the hot path does no meter work at all.
 *
 * @author zmq-spring-boot
 */
final class ZmqSocketMeters implements InitializingBean {

	private final MeterRegistry registry;

	private final ZmqSocketFactory socketFactory;

	ZmqSocketMeters(MeterRegistry registry, ZmqSocketFactory socketFactory) {
		this.registry = registry;
		this.socketFactory = socketFactory;
	}

	@Override
	public void afterPropertiesSet() {
		this.socketFactory.getOwners().setStatsListener(this::bind);
	}

	void bind(ZmqSocketStats stats) {
		Tags tags = Tags.of("socket", stats.getName(), "type", stats.getType().name());
		counter("zmq.socket.messages.sent", "Messages the socket sent", "messages", tags, stats,
				ZmqSocketStats::getMessagesSent);
		counter("zmq.socket.messages.received", "Messages the socket received", "messages", tags, stats,
				ZmqSocketStats::getMessagesReceived);
		counter("zmq.socket.bytes.sent", "Bytes the socket sent", "bytes", tags, stats, ZmqSocketStats::getBytesSent);
		counter("zmq.socket.bytes.received", "Bytes the socket received", "bytes", tags, stats,
				ZmqSocketStats::getBytesReceived);
		Gauge.builder("zmq.socket.connections", stats, ZmqSocketStats::getConnections)
			.description("Connections the socket has open")
			.baseUnit("connections")
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
		Gauge.builder("zmq.socket.queue.size", stats, ZmqSocketStats::getQueueSize)
			.description("Messages waiting in the socket's send queue")
			.baseUnit("messages")
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
	}

	private void counter(String name, String description, String unit, Tags tags, ZmqSocketStats stats,
			java.util.function.ToDoubleFunction<ZmqSocketStats> value) {
		FunctionCounter.builder(name, stats, value).description(description).baseUnit(unit).tags(tags)
			.register(this.registry);
	}

}

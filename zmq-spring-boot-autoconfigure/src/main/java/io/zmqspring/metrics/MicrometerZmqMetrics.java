package io.zmqspring.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * {@link ZmqMetrics} as Micrometer counters:
 * <ul>
 * <li>{@code zmq.listener.errors} (tags {@code listener}, {@code socket}, {@code kind})</li>
 * <li>{@code zmq.listener.invalid.messages} ({@code socket}, {@code reason})</li>
 * <li>{@code zmq.send.failures} ({@code socket}, {@code reason})</li>
 * <li>{@code zmq.replies.discarded} ({@code socket})</li>
 * <li>{@code zmq.replies.timeouts} ({@code socket})</li>
 * </ul>
 * Counters are looked up when something goes wrong, never on the happy path.
 *
 * @author zmq-spring-boot
 */
public class MicrometerZmqMetrics implements ZmqMetrics {

	private final MeterRegistry registry;

	public MicrometerZmqMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void listenerError(String listenerId, String socket, String kind) {
		Counter.builder("zmq.listener.errors")
			.description("Messages a listener failed to handle")
			.tags("listener", listenerId, "socket", socket, "kind", kind)
			.register(this.registry)
			.increment();
	}

	@Override
	public void invalidMessage(String socket, String reason) {
		Counter.builder("zmq.listener.invalid.messages")
			.description("Messages a listener rejected before handling")
			.tags("socket", socket, "reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void sendFailure(String socket, String reason) {
		Counter.builder("zmq.send.failures")
			.description("Messages that could not be sent")
			.tags("socket", socket, "reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void replyDiscarded(String socket) {
		Counter.builder("zmq.replies.discarded")
			.description("Replies that matched no waiting request")
			.tags("socket", socket)
			.register(this.registry)
			.increment();
	}

	@Override
	public void replyTimeout(String socket) {
		Counter.builder("zmq.replies.timeouts")
			.description("Requests that got no reply in time")
			.tags("socket", socket)
			.register(this.registry)
			.increment();
	}

}

package io.zmqspring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * {@link ZmqMetrics} as Micrometer counters:
 * <ul>
 * <li>{@code zmq.listener.errors} (tags {@code listener}, {@code socket}, {@code kind})</li>
 * <li>{@code zmq.listener.invalid.messages} ({@code socket}, {@code reason})</li>
 * <li>{@code zmq.send.failures} ({@code socket}, {@code reason})</li>
 * <li>{@code zmq.replies.discarded} ({@code socket})</li>
 * <li>{@code zmq.replies.timeouts} ({@code socket})</li>
 * <li>{@code zmq.request.retries} ({@code socket}): requests sent again after a try got no reply</li>
 * <li>{@code zmq.socket.failures} ({@code socket}): sockets that failed and were opened again</li>
 * <li>{@code zmq.socket.disconnects} ({@code socket}): peer connections that closed</li>
 * <li>{@code zmq.socket.handshake.failures} ({@code socket}, {@code reason}): failed ZMTP handshakes</li>
 * <li>{@code zmq.protocol.violations} ({@code socket}, {@code reason})</li>
 * <li>{@code zmq.security.denials} ({@code socket}, {@code domain}, {@code mechanism}, {@code reason}):
 * handshakes the ZAP handler refused</li>
 * <li>{@code zmq.io.thread.faults} ({@code kind}: {@code recovered} or {@code fatal})</li>
 * <li>{@code zmq.events.dropped}: events dropped because too many waited to be published</li>
 * <li>{@code zmq.request.duration} ({@code socket}, {@code outcome}: {@code success}, {@code timeout},
 * {@code remote-error} or {@code failed}): a timer of request-reply round trips</li>
 * <li>{@code zmq.listener.queue.size} ({@code listener}, {@code socket}): a gauge of the messages waiting
 * for a listener's handler workers (concurrency above one)</li>
 * <li>{@code zmq.listener.duration} ({@code listener}, {@code socket}, {@code outcome}: {@code success} or
 * {@code error}, {@code exception}): a timer of listener processing, when enabled</li>
 * <li>{@code zmq.outbox.depth} ({@code socket}): a gauge of the messages a durable outbox holds</li>
 * <li>{@code zmq.outbox.stored}, {@code zmq.outbox.acked}, {@code zmq.outbox.redelivered} ({@code socket}):
 * messages written to, acknowledged from and sent again from a durable outbox</li>
 * <li>{@code zmq.dedup.discarded}, {@code zmq.dedup.possible.duplicates} ({@code socket}): outbox messages a
 * listener discarded as already handled, and handed again flagged as possible duplicates</li>
 * </ul>
 * Counters are looked up when something goes wrong, never on the happy path; timers are looked
 * up once per socket or listener and kept.
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
		increment("zmq.listener.errors", "Messages a listener failed to handle", "listener", listenerId, "socket",
				socket, "kind", kind);
	}

	@Override
	public void invalidMessage(String socket, String reason) {
		increment("zmq.listener.invalid.messages", "Messages a listener rejected before handling", "socket", socket,
				"reason", reason);
	}

	@Override
	public void headersDropped(String socket, int count) {
		Counter.builder("zmq.headers.dropped")
			.description("Headers of received header frames that the socket's allow-list dropped")
			.tags("socket", socket)
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void sendFailure(String socket, String reason) {
		increment("zmq.send.failures", "Messages that could not be sent", "socket", socket, "reason", reason);
	}

	@Override
	public void replyDiscarded(String socket) {
		increment("zmq.replies.discarded", "Replies that matched no waiting request", "socket", socket);
	}

	@Override
	public void replyTimeout(String socket) {
		increment("zmq.replies.timeouts", "Requests that got no reply in time", "socket", socket);
	}

	@Override
	public void requestRetried(String socket) {
		increment("zmq.request.retries", "Requests sent again after a try got no reply in time", "socket", socket);
	}

	@Override
	public void socketFailure(String socket) {
		increment("zmq.socket.failures", "Sockets that failed and were opened again", "socket", socket);
	}

	@Override
	public void disconnect(String socket) {
		increment("zmq.socket.disconnects", "Peer connections of a socket that closed", "socket", socket);
	}

	@Override
	public void handshakeFailure(String socket, String reason) {
		increment("zmq.socket.handshake.failures", "Connections that failed their ZMTP handshake", "socket", socket,
				"reason", reason);
	}

	@Override
	public void protocolViolation(String socket, String reason) {
		increment("zmq.protocol.violations", "Protocol violations by remote peers", "socket", socket, "reason",
				reason);
	}

	@Override
	public void authenticationDenied(String socket, String domain, String mechanism, String reason) {
		increment("zmq.security.denials", "Handshakes the ZAP handler refused", "socket", socket, "domain", domain,
				"mechanism", mechanism, "reason", reason);
	}

	@Override
	public void ioThreadFault(String kind) {
		increment("zmq.io.thread.faults", "Exceptions that escaped into a ZeroMQ I/O thread", "kind", kind);
	}

	@Override
	public void eventDropped() {
		increment("zmq.events.dropped", "Events dropped because too many waited to be published");
	}

	@Override
	public ZmqRequestTimer requestTimer(String socket) {
		ZmqRequestTimer.Outcome[] outcomes = ZmqRequestTimer.Outcome.values();
		Timer[] timers = new Timer[outcomes.length];
		for (ZmqRequestTimer.Outcome outcome : outcomes) {
			timers[outcome.ordinal()] = Timer.builder("zmq.request.duration")
				.description("Request-reply round trips, from the request handed to the template until it completed")
				.tags("socket", socket, "outcome", outcome.tag())
				.register(this.registry);
		}
		return (outcome, nanos) -> timers[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public ZmqListenerTimer listenerTimer(String listenerId, String socket) {
		return new MicrometerListenerTimer(this.registry, listenerId, socket);
	}

	@Override
	public void listenerQueue(String listenerId, String socket, IntSupplier size) {
		Gauge.builder("zmq.listener.queue.size", size, IntSupplier::getAsInt)
			.description("Messages waiting for a listener's handler workers")
			.baseUnit("messages")
			.tags("listener", listenerId, "socket", socket)
			.strongReference(true)
			.register(this.registry);
	}

	@Override
	public void outboxStored(String socket, int count) {
		Counter.builder("zmq.outbox.stored")
			.description("Messages written to a durable outbox")
			.tags("socket", socket)
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void outboxAcked(String socket, int count) {
		Counter.builder("zmq.outbox.acked")
			.description("Messages of a durable outbox that the receiver acknowledged")
			.tags("socket", socket)
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void outboxRedelivered(String socket) {
		increment("zmq.outbox.redelivered", "Messages of a durable outbox sent again", "socket", socket);
	}

	@Override
	public void outboxDepth(String socket, LongSupplier depth) {
		Gauge.builder("zmq.outbox.depth", depth, LongSupplier::getAsLong)
			.description("Messages a durable outbox holds, not acknowledged yet")
			.baseUnit("messages")
			.tags("socket", socket)
			.strongReference(true)
			.register(this.registry);
	}

	@Override
	public void dedupDiscarded(String socket) {
		increment("zmq.dedup.discarded", "Outbox messages a listener discarded as already handled", "socket",
				socket);
	}

	@Override
	public void dedupPossibleDuplicate(String socket) {
		increment("zmq.dedup.possible.duplicates",
				"Outbox messages handed to a handler again after the process died while a handler had them",
				"socket", socket);
	}

	private void increment(String name, String description, String... tags) {
		Counter.builder(name).description(description).tags(tags).register(this.registry).increment();
	}

	private static final class MicrometerListenerTimer implements ZmqListenerTimer {

		private static final String NAME = "zmq.listener.duration";

		private static final String DESCRIPTION = "Time a listener took to process a message";

		private final MeterRegistry registry;

		private final String listenerId;

		private final String socket;

		private final Timer success;

		private final Map<Class<?>, Timer> errors = new ConcurrentHashMap<>();

		MicrometerListenerTimer(MeterRegistry registry, String listenerId, String socket) {
			this.registry = registry;
			this.listenerId = listenerId;
			this.socket = socket;
			this.success = timer("success", "none");
		}

		@Override
		public void success(long nanos) {
			this.success.record(nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void error(Throwable failure, long nanos) {
			this.errors.computeIfAbsent(failure.getClass(), (type) -> timer("error", simpleName(type)))
				.record(nanos, TimeUnit.NANOSECONDS);
		}

		private static String simpleName(Class<?> type) {
			String name = type.getSimpleName();
			return name.isEmpty() ? type.getName() : name;
		}

		private Timer timer(String outcome, String exception) {
			return Timer.builder(NAME)
				.description(DESCRIPTION)
				.tags("listener", this.listenerId, "socket", this.socket, "outcome", outcome, "exception", exception)
				.register(this.registry);
		}

	}

}

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
 * <li>{@code zmq.socket.failures} ({@code socket}): sockets that failed and were opened again</li>
 * <li>{@code zmq.socket.disconnects} ({@code socket}): peer connections that closed</li>
 * <li>{@code zmq.socket.handshake.failures} ({@code socket}, {@code reason}): failed ZMTP handshakes</li>
 * <li>{@code zmq.protocol.violations} ({@code socket}, {@code reason})</li>
 * <li>{@code zmq.security.denials} ({@code socket}, {@code domain}, {@code mechanism}, {@code reason}):
 * handshakes the ZAP handler refused</li>
 * <li>{@code zmq.io.thread.faults} ({@code kind}: {@code recovered} or {@code fatal})</li>
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
		increment("zmq.listener.errors", "Messages a listener failed to handle", "listener", listenerId, "socket",
				socket, "kind", kind);
	}

	@Override
	public void invalidMessage(String socket, String reason) {
		increment("zmq.listener.invalid.messages", "Messages a listener rejected before handling", "socket", socket,
				"reason", reason);
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

	private void increment(String name, String description, String... tags) {
		Counter.builder(name).description(description).tags(tags).register(this.registry).increment();
	}

}

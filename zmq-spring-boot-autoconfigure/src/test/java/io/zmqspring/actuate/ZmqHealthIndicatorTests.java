package io.zmqspring.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.zmqspring.core.ZmqContextSupervisor;
import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zmq} health indicator follows failing sockets and dying context threads.
 */
class ZmqHealthIndicatorTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ZContext context = new ZContext();

	private final ZmqContextSupervisor supervisor = ZmqContextSupervisor.supervise(this.context, ZmqMetrics.NONE);

	private final AtomicBoolean openingFails = new AtomicBoolean();

	private final ZmqSocketFactory factory = new ZmqSocketFactory(this.context, new ZmqSocketRegistry(List.of()),
			List.of((definition, socket) -> {
				if (this.openingFails.get()) {
					throw new IllegalStateException("simulated failure to open " + definition.name());
				}
			}), Duration.ofSeconds(1));

	private final ZmqHealthIndicator indicator = new ZmqHealthIndicator(this.factory.getOwners(),
			this.factory.getRegistry(), new ZmqListenerEndpointRegistry(new ZmqListenerContainerFactory(this.factory)),
			this.supervisor);

	@AfterEach
	void close() {
		this.factory.getOwners().getOwners().forEach(ZmqSocketOwner::release);
		this.context.close();
	}

	@Test
	void healthIsUpWithoutSockets() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("sockets", Map.of())
			.containsEntry("listeners", Map.of())
			.containsEntry("context", Map.of("healthy", true, "fatalFaults", 0L));
	}

	@Test
	void socketThatFailedIsDownWhileItCannotBeOpenedAgainAndUpOnceOpen() {
		String endpoint = FreePorts.tcp();
		ZmqSocketDefinition definition = new ZmqSocketDefinition("in", ZmqSocketType.PULL,
				List.of(ZmqEndpoint.parse("@" + endpoint, true)), List.of(), ZmqSocketOptions.NONE);
		ZmqSocketOwner owner = this.factory.getOwners().acquire(definition);
		owner.attach(new ZmqSocketReceiver() {
			@Override
			public List<byte[]> receive(List<byte[]> frames) {
				if (new String(frames.get(0), StandardCharsets.UTF_8).equals("fail")) {
					throw new IllegalStateException("the socket breaks");
				}
				return null;
			}
		});
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(socketDetails(this.indicator.health())).containsEntry("type", ZmqSocketType.PULL)
			.containsEntry("endpoints", List.of(endpoint))
			.containsEntry("state", ZmqSocketOwner.State.RUNNING)
			.containsEntry("failures", 0L);
		this.openingFails.set(true);
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
			// JeroMQ now and then stalls a fresh connect before its handshake; retry it quickly
			push.setHandshakeIvl(1000);
			push.setReconnectIVL(50);
			push.connect(endpoint);
			push.send("fail");
			await().atMost(WAIT).until(() -> owner.getFailures() == 1);
		}
		Health failed = this.indicator.health();
		assertThat(failed.getStatus()).isEqualTo(Status.DOWN);
		assertThat(socketDetails(failed)).containsEntry("state", ZmqSocketOwner.State.REOPENING)
			.containsEntry("failures", 1L);
		this.openingFails.set(false);
		await().atMost(WAIT).until(() -> this.indicator.health().getStatus().equals(Status.UP));
		assertThat(socketDetails(this.indicator.health())).containsEntry("state", ZmqSocketOwner.State.RUNNING);
	}

	@Test
	void contextThreadThatDiedIsDown() throws InterruptedException {
		Thread thread = this.context.getThreadFactory().apply(() -> {
			throw new AssertionError("simulated I/O thread failure");
		}, "iothread-simulated");
		thread.start();
		thread.join(WAIT.toMillis());
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("context", Map.of("healthy", false, "fatalFaults", 1L));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> socketDetails(Health health) {
		Map<String, Object> sockets = (Map<String, Object>) health.getDetails().get("sockets");
		return (Map<String, Object>) sockets.get("in");
	}

}

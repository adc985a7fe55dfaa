package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket owner: one thread per socket that survives failures by opening the socket again.
 */
class ZmqSocketOwnerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ZContext context = new ZContext();

	private final AtomicInteger failures = new AtomicInteger();

	private final ZmqSocketFactory factory = new ZmqSocketFactory(this.context, new ZmqSocketRegistry(List.of()),
			List.of(), Duration.ofSeconds(1));

	ZmqSocketOwnerTests() {
		this.factory.getOwners().setMetrics(new ZmqMetrics() {
			@Override
			public void socketFailure(String socket) {
				ZmqSocketOwnerTests.this.failures.incrementAndGet();
			}
		});
	}

	@AfterEach
	void close() {
		this.factory.getOwners().getOwners().stream().filter(ZmqSocketOwner::isOpen).forEach(ZmqSocketOwner::release);
		this.context.close();
	}

	@Test
	void socketThatFailsIsOpenedAgainCountedAndServesOn() {
		String endpoint = FreePorts.tcp();
		ZmqSocketDefinition definition = new ZmqSocketDefinition("in", ZmqSocketType.PULL,
				List.of(ZmqEndpoint.parse("@" + endpoint, true)), List.of(), ZmqSocketOptions.NONE);
		ZmqSocketOwner owner = this.factory.getOwners().acquire(definition);
		List<String> received = new CopyOnWriteArrayList<>();
		List<ZmqException> lost = new CopyOnWriteArrayList<>();
		owner.attach(new ZmqSocketReceiver() {
			@Override
			public List<byte[]> receive(List<byte[]> frames) {
				String text = new String(frames.get(0), StandardCharsets.UTF_8);
				if (text.equals("fail")) {
					throw new IllegalStateException("the socket breaks");
				}
				received.add(text);
				return null;
			}

			@Override
			public void socketLost(ZmqException reason) {
				lost.add(reason);
			}
		});
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
			push.setReconnectIVL(50);
			push.setHandshakeIvl(1000);
			push.connect(endpoint);
			push.send("fail");
			await().atMost(TIMEOUT).until(() -> owner.getFailures() == 1);
			assertThat(this.failures).hasValue(1);
			assertThat(lost).hasSize(1);
			await().atMost(TIMEOUT).until(() -> owner.getState() == ZmqSocketOwner.State.RUNNING);
			await().atMost(TIMEOUT).until(() -> {
				push.send("after", ZMQ.DONTWAIT);
				return !received.isEmpty();
			});
		}
		assertThat(received).allMatch("after"::equals);
	}

	@Test
	void theOwnerClosesTheSocketWhenItsLastUserReleasesIt() {
		String endpoint = FreePorts.tcp();
		ZmqSocketDefinition definition = new ZmqSocketDefinition("shared", ZmqSocketType.ROUTER,
				List.of(ZmqEndpoint.parse("@" + endpoint, true)), List.of(), ZmqSocketOptions.NONE);
		ZmqSocketOwner first = this.factory.getOwners().acquire(definition);
		ZmqSocketOwner second = this.factory.getOwners().acquire(definition);
		assertThat(second).isSameAs(first);
		assertThat(first.release()).isFalse();
		assertThat(first.isOpen()).isTrue();
		assertThat(second.release()).isTrue();
		assertThat(first.awaitClosed(System.nanoTime() + TIMEOUT.toNanos())).isTrue();
		assertThat(first.getState()).isEqualTo(ZmqSocketOwner.State.CLOSED);
		assertThat(this.factory.getOwners().find("shared")).isNull();
	}

}

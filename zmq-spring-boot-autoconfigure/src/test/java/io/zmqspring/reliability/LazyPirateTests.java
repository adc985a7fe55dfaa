package io.zmqspring.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Reliable request-reply, the Guide's Lazy Pirate: a request whose try gets no reply within the
 * try timeout is sent again, up to its retries, over tcp against a server that drops requests and
 * with one of two servers dead.
 */
class LazyPirateTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(RequestReplyFailureTests.Metrics.class)
		.withPropertyValues("zmq.defaults.linger=200ms", "zmq.template.reply-timeout=15s",
				"zmq.sockets.client.type=REQ", "zmq.sockets.client.request.try-timeout=1s",
				// a connect that JeroMQ stalls is retried within a try; the tests that count tries
				// start once the client's connection is greeted
				"zmq.sockets.client.handshake-interval=1s");

	private ApplicationContextRunner droppingServer(int drop, int retries) {
		String rpc = FreePorts.tcp();
		return this.runner.withUserConfiguration(DroppingServer.class)
			.withPropertyValues("rpc=" + rpc, "drop=" + drop, "zmq.sockets.client.endpoints=>" + rpc,
					"zmq.sockets.client.request.retries=" + retries);
	}

	@Test
	void requestTheServerDroppedIsSentAgainUntilItIsAnswered() {
		droppingServer(2, 3).run((context) -> {
			assertThat(context).hasNotFailed();
			Handshakes.awaitGreeted(context, "client", 1);
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.convertSendAndReceive("client", "order-1", String.class)).isEqualTo("re:order-1");
			// At least once: the server saw the request every time it was sent
			assertThat(context.getBean(DroppingServer.class).requests).containsExactly("order-1", "order-1",
					"order-1");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(count(meters, "zmq.request.retries")).isEqualTo(2);
			assertThat(count(meters, "zmq.replies.timeouts")).isEqualTo(2);
		});
	}

	@Test
	void requestFailsWithAReplyTimeoutOnceItsRetriesAreUsedUp() {
		droppingServer(Integer.MAX_VALUE, 2).run((context) -> {
			assertThat(context).hasNotFailed();
			Handshakes.awaitGreeted(context, "client", 1);
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqReplyTimeoutException.class)
				.isThrownBy(() -> template.convertSendAndReceive("client", "order-1", String.class))
				.withMessageContaining("no reply to any of 3 tries");
			assertThat(context.getBean(DroppingServer.class).requests).hasSize(3);
		});
	}

	@Test
	void requestTimeoutBoundsAllTriesTogether() {
		droppingServer(Integer.MAX_VALUE, 100).withPropertyValues("zmq.sockets.client.request.try-timeout=300ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Handshakes.awaitGreeted(context, "client", 1);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThatExceptionOfType(ZmqReplyTimeoutException.class).isThrownBy(
						() -> template.sendAndReceive("client", "order-1".getBytes(), Duration.ofMillis(1000)));
				// 300 ms per try within 1 s: four tries at most, the last one cut short
				assertThat(context.getBean(DroppingServer.class).requests).hasSizeBetween(1, 4);
			});
	}

	@Test
	void retryGoesToTheOtherServerWhenOneOfTwoEndpointsIsDead() {
		String dead = FreePorts.tcp();
		String live = FreePorts.tcp();
		// The dead endpoint first: the socket's round-robin puts the first try into its queue
		this.runner.withUserConfiguration(DroppingServer.class)
			.withPropertyValues("rpc=" + live, "drop=0", "zmq.sockets.client.endpoints=>" + dead + ",>" + live,
					"zmq.sockets.client.request.retries=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Handshakes.awaitGreeted(context, "client", 1);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 3; i++) {
					assertThat(template.convertSendAndReceive("client", "order-" + i, String.class))
						.isEqualTo("re:order-" + i);
				}
				assertThat(context.getBean(DroppingServer.class).requests).containsExactly("order-0", "order-1",
						"order-2");
				assertThat(count(context.getBean(MeterRegistry.class), "zmq.request.retries")).isGreaterThan(0);
			});
	}

	@Test
	void withImmediateRequestsGoOnlyToTheConnectedServer() {
		String dead = FreePorts.tcp();
		String live = FreePorts.tcp();
		this.runner.withUserConfiguration(DroppingServer.class)
			.withPropertyValues("rpc=" + live, "drop=0", "zmq.sockets.client.endpoints=>" + dead + ",>" + live,
					"zmq.sockets.client.immediate=true", "zmq.sockets.client.request.retries=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ZmqSocketStats stats = context.getBean(ZmqSocketFactory.class).getOwners().getStats().get("client");
				// greeted, not just open: JeroMQ may stall a connect before its handshake
				await().atMost(TIMEOUT).until(() -> stats.getConnections() == 1 && stats.getGreetedConnections() == 1);
				for (int i = 0; i < 5; i++) {
					assertThat(template.convertSendAndReceive("client", "order-" + i, String.class))
						.isEqualTo("re:order-" + i);
				}
				assertThat(count(context.getBean(MeterRegistry.class), "zmq.request.retries")).isZero();
			});
	}

	private static double count(MeterRegistry meters, String name) {
		Counter counter = meters.find(name).tag("socket", "client").counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** A ROUTER server that drops the first requests it gets: no reply at all. */
	@Configuration(proxyBeanMethods = false)
	static class DroppingServer {

		final List<String> requests = new CopyOnWriteArrayList<>();

		private final AtomicInteger seen = new AtomicInteger();

		private final int drop;

		DroppingServer(@Value("${drop}") int drop) {
			this.drop = drop;
		}

		@ZmqListener(id = "server", type = "ROUTER", endpoints = "@${rpc}")
		@Nullable String reply(String request) {
			this.requests.add(request);
			return (this.seen.incrementAndGet() <= this.drop) ? null : "re:" + request;
		}

	}

}

package io.zmqspring.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application is bounded by {@code zmq.context.shutdown-timeout}, even with dead peers,
 * unsent messages and unanswered requests.
 */
class ShutdownTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration MARGIN = Duration.ofMillis(1500);

	@Test
	void contextClosesWithinTheShutdownTimeoutWhilePeersAreDead() {
		String pipe = FreePorts.tcp();
		String rpc = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(Metrics.class, Listeners.class)
			.withPropertyValues("pipe=" + pipe, "rpc=" + rpc,
					"zmq.context.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms", "zmq.defaults.linger=500ms",
					"zmq.sockets.dead.type=PUSH", "zmq.sockets.dead.endpoints=>" + FreePorts.tcp(),
					"zmq.sockets.dead.send-hwm=5", "zmq.sockets.client.type=DEALER",
					"zmq.sockets.client.endpoints=>" + FreePorts.tcp())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				for (int i = 0; i < 50; i++) {
					template.convertAndSend("dead", "unsendable " + i);
				}
				CompletableFuture<List<byte[]>> pending = template.sendAndReceiveAsync("client",
						List.of("unanswerable".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(60));
				long start = System.nanoTime();
				context.close();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(took).isLessThan(SHUTDOWN_TIMEOUT.plus(MARGIN));
				await().atMost(Duration.ofSeconds(5)).until(pending::isDone);
				assertThat(pending).isCompletedExceptionally();
				assertThat(pending).failsWithin(0, TimeUnit.SECONDS)
					.withThrowableOfType(java.util.concurrent.ExecutionException.class)
					.withCauseInstanceOf(ZmqException.class);
				assertThat(meters.find("zmq.send.failures").tag("socket", "dead").tag("reason", "shutdown").counters()
					.stream()
					.mapToDouble(Counter::count)
					.sum()).isPositive();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "PULL", endpoints = "@${pipe}")
		void pull(String message) {
			this.received.add(message);
		}

		@ZmqListener(type = "REP", endpoints = "@${rpc}", concurrency = "2")
		String rep(String request) {
			return request;
		}

	}

}

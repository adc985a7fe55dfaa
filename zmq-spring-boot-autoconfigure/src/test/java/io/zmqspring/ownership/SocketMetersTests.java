package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every socket's traffic is visible as meters after real traffic: messages and bytes each way,
 * open connections, the send queue and the listener's work queue.
 */
class SocketMetersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(EchoListener.class);

	@Test
	void messagesAndBytesAreCountedOnBothSidesOfARequestReply() {
		String endpoint = FreePorts.tcp();
		this.runner.withPropertyValues("zmq.sockets.echo.type=REP", "zmq.sockets.echo.endpoints=@" + endpoint,
				"zmq.sockets.ask.type=REQ", "zmq.sockets.ask.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 10; i++) {
					template.sendAndReceive("ask", "hello".getBytes(StandardCharsets.UTF_8), TIMEOUT);
				}
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(count(meters, "zmq.socket.messages.received", "echo")).isEqualTo(10);
					// every reply goes out through the listener's socket owner
					assertThat(count(meters, "zmq.socket.messages.sent", "echo")).isEqualTo(10);
					assertThat(count(meters, "zmq.socket.messages.sent", "ask")).isEqualTo(10);
					assertThat(count(meters, "zmq.socket.messages.received", "ask")).isEqualTo(10);
				});
				// a request is the correlation id (8 bytes), the empty delimiter and "hello"
				assertThat(count(meters, "zmq.socket.bytes.sent", "ask")).isEqualTo(10 * (8 + 5));
				assertThat(meters.get("zmq.socket.connections").tag("socket", "echo").gauge().value()).isEqualTo(1);
				assertThat(meters.get("zmq.socket.queue.size").tag("socket", "ask").tag("type", "REQ").gauge().value())
					.isZero();
			});
	}

	@Test
	void messagesWaitingForAListenersWorkersAreAGauge() {
		String echo = FreePorts.tcp();
		String work = FreePorts.tcp();
		this.runner.withUserConfiguration(BlockedWorkers.class)
			.withPropertyValues("zmq.sockets.echo.type=REP", "zmq.sockets.echo.endpoints=@" + echo,
					"zmq.sockets.work.type=PULL", "zmq.sockets.work.endpoints=@" + work, "zmq.sockets.jobs.type=PUSH",
					"zmq.sockets.jobs.endpoints=>" + work)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				BlockedWorkers workers = context.getBean(BlockedWorkers.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				for (int i = 0; i < 10; i++) {
					template.send("jobs", ("job " + i).getBytes(StandardCharsets.UTF_8));
				}
				// two workers are busy; the queue holds twice the concurrency and the rest waits in the socket
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(queueSize(meters)).isEqualTo(4));
				assertThat(workers.received).hasValue(2);
				workers.release.countDown();
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(workers.received).hasValue(10));
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(queueSize(meters)).isZero());
			});
	}

	private static double queueSize(MeterRegistry meters) {
		return meters.get("zmq.listener.queue.size").tag("listener", "workers").tag("socket", "work").gauge().value();
	}

	private static double count(MeterRegistry meters, String name, String socket) {
		return meters.get(name).tag("socket", socket).functionCounter().count();
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		@ZmqListener(socket = "echo")
		String echo(String request) {
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockedWorkers {

		final AtomicInteger received = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		@ZmqListener(id = "workers", socket = "work", concurrency = "2")
		void work(byte[] job) throws InterruptedException {
			this.received.incrementAndGet();
			this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

	}

}

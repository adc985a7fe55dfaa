package io.zmqspring.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The request-reply round-trip timer after real traffic, and the opt-in listener timer.
 */
class ZmqTimersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void requestsAreTimedBySocketAndOutcome() {
		String endpoint = FreePorts.tcp();
		String nobody = FreePorts.tcp();
		this.runner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("zmq.sockets.echo.type=REP", "zmq.sockets.echo.endpoints=@" + endpoint,
					"zmq.sockets.ask.type=REQ", "zmq.sockets.ask.endpoints=>" + endpoint,
					"zmq.sockets.void.type=REQ", "zmq.sockets.void.endpoints=>" + nobody)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 5; i++) {
					template.sendAndReceive("ask", bytes("hello"), TIMEOUT);
				}
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.sendAndReceive("ask", bytes("fail"), TIMEOUT));
				assertThatExceptionOfType(ZmqReplyTimeoutException.class)
					.isThrownBy(() -> template.sendAndReceive("void", bytes("hello"), Duration.ofMillis(200)));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(timer(meters, "ask", "success").count()).isEqualTo(5);
					assertThat(timer(meters, "ask", "remote-error").count()).isEqualTo(1);
					assertThat(timer(meters, "void", "timeout").count()).isEqualTo(1);
				});
				assertThat(timer(meters, "ask", "timeout").count()).isZero();
				assertThat(timer(meters, "ask", "failed").count()).isZero();
				assertThat(timer(meters, "ask", "success").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
					.isPositive();
				assertThat(timer(meters, "void", "timeout").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
					.isGreaterThanOrEqualTo(190);
			});
	}

	@Test
	void theListenerTimerIsOffByDefault() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(SinkListener.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
					"zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				SinkListener sink = context.getBean(SinkListener.class);
				for (int i = 0; i < 10; i++) {
					template.send("out", bytes("m" + i));
				}
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.received.get()).isEqualTo(10));
				assertThat(context.getBean(MeterRegistry.class).find("zmq.listener.duration").meters()).isEmpty();
			});
	}

	@Test
	void theListenerTimerTimesSuccessesAndErrorsWhenEnabled() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(SinkListener.class)
			.withPropertyValues("zmq.listener.timer-enabled=true", "zmq.sockets.in.type=PULL",
					"zmq.sockets.in.endpoints=@" + endpoint, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				SinkListener sink = context.getBean(SinkListener.class);
				for (int i = 0; i < 10; i++) {
					template.send("out", bytes("m" + i));
				}
				template.send("out", bytes("fail"));
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.received.get()).isEqualTo(11));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(listenerTimer(meters, "success", "none").count()).isEqualTo(10);
					assertThat(listenerTimer(meters, "error", "IllegalStateException").count()).isEqualTo(1);
				});
			});
	}

	private static Timer timer(MeterRegistry meters, String socket, String outcome) {
		return meters.get("zmq.request.duration").tag("socket", socket).tag("outcome", outcome).timer();
	}

	private static Timer listenerTimer(MeterRegistry meters, String outcome, String exception) {
		return meters.get("zmq.listener.duration")
			.tag("listener", "sink")
			.tag("socket", "in")
			.tag("outcome", outcome)
			.tag("exception", exception)
			.timer();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		@ZmqListener(socket = "echo")
		String echo(String request) {
			if (request.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SinkListener {

		final AtomicInteger received = new AtomicInteger();

		@ZmqListener(id = "sink", socket = "in")
		void receive(String payload) {
			this.received.incrementAndGet();
			if (payload.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
		}

	}

}

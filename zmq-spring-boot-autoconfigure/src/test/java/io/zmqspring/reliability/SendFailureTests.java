package io.zmqspring.reliability;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Sending to a socket nobody takes messages from fails in bounded time, and is counted.
 */
class SendFailureTests {

	private static final int SEND_QUEUE_CAPACITY = 10;

	private static final int SEND_HWM = 5;

	@Test
	void sendToAbsentPeerFailsWithinTheSendTimeoutOnceTheQueueIsFull() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(Metrics.class)
			.withPropertyValues("zmq.sockets.nobody.type=PUSH", "zmq.sockets.nobody.endpoints=>" + FreePorts.tcp(),
					"zmq.sockets.nobody.send-timeout=200ms", "zmq.sockets.nobody.send-hwm=" + SEND_HWM,
					"zmq.sockets.nobody.linger=100ms", "zmq.template.send-queue-capacity=" + SEND_QUEUE_CAPACITY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				int accepted = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
					int sent = 0;
					try {
						// Bounded: the queue and the high-water mark hold only a few dozen messages
						while (sent < 10_000) {
							template.convertAndSend("nobody", "message " + sent);
							sent++;
						}
					}
					catch (ZmqSendException ex) {
						assertThat(ex.getSocketName()).isEqualTo("nobody");
						assertThat(ex).hasMessageContaining("200 ms");
					}
					return sent;
				});
				assertThat(accepted).isGreaterThanOrEqualTo(SEND_QUEUE_CAPACITY).isLessThan(10_000);
				assertThat(meters.find("zmq.send.failures").tag("socket", "nobody").tag("reason", "timeout").counter())
					.isNotNull()
					.satisfies((counter) -> assertThat(counter.count()).isEqualTo(1));
			});
	}

	@Test
	void everySendToAFullQueueFailsAndIsCounted() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(Metrics.class)
			.withPropertyValues("zmq.sockets.nobody.type=PUSH", "zmq.sockets.nobody.endpoints=>" + FreePorts.tcp(),
					"zmq.sockets.nobody.send-timeout=200ms", "zmq.sockets.nobody.send-hwm=" + SEND_HWM,
					"zmq.sockets.nobody.linger=100ms", "zmq.template.send-queue-capacity=" + SEND_QUEUE_CAPACITY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
					fillUntilRejected(template);
					for (int i = 0; i < 3; i++) {
						assertThatExceptionOfType(ZmqSendException.class)
							.isThrownBy(() -> template.convertAndSend("nobody", "more"));
					}
				});
				assertThat(meters.find("zmq.send.failures").counters().stream().mapToDouble(Counter::count).sum())
					.isEqualTo(4);
			});
	}

	private static void fillUntilRejected(ZmqTemplate template) {
		assertThatExceptionOfType(ZmqSendException.class).isThrownBy(() -> {
			for (int i = 0; i < 10_000; i++) {
				template.convertAndSend("nobody", "message " + i);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}

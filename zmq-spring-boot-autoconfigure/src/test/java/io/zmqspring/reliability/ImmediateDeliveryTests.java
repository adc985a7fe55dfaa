package io.zmqspring.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code immediate=true} (ZMQ_IMMEDIATE) queues messages only on completed connections, so a dead
 * endpoint next to a live one takes no share of the round-robin.
 */
class ImmediateDeliveryTests {

	@Test
	void immediateSendsOnlyToCompletedConnections() {
		String live = FreePorts.tcp();
		String dead = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(PullListener.class)
			.withPropertyValues("live=" + live, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + live + ",>" + dead, "zmq.sockets.out.immediate=true",
					"zmq.sockets.out.linger=100ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PullListener listener = context.getBean(PullListener.class);
				// With immediate, a send waits at most the send timeout for a completed connection,
				// and JeroMQ now and then stalls a fresh connect for the handshake interval
				Handshakes.awaitGreeted(context, "out", 1);
				List<String> sent = IntStream.range(0, 20).mapToObj((i) -> "message " + i).toList();
				sent.forEach((message) -> template.convertAndSend("out", message));
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(listener.received).containsExactlyInAnyOrderElementsOf(sent));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class PullListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "PULL", endpoints = "@${live}")
		void receive(String message) {
			this.received.add(message);
		}

	}

}

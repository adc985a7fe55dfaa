package io.zmqspring.smoke;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SmokeTests {

	@Test
	void pushToPullAndRequestReply() {
		String pipe = FreePorts.tcp();
		String rpc = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(Listeners.class)
			.withPropertyValues("pipe=" + pipe, "rpc=" + rpc, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + pipe, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + rpc,
					// longer than the handshake interval a connect JeroMQ stalls waits out
					"zmq.template.reply-timeout=20s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSend("out", "hello");
				await().atMost(Duration.ofSeconds(20))
					.until(() -> context.getBean(Listeners.class).received, (r) -> r.contains("hello"));
				assertThat(template.convertSendAndReceive("client", "ping", String.class)).isEqualTo("PING");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "PULL", endpoints = "@${pipe}")
		void pull(String message) {
			this.received.add(message);
		}

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String rep(String message) {
			return message.toUpperCase();
		}

	}

}

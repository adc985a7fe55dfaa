package io.zmqspring.patterns;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PAIR end to end: a template PAIR socket against a PAIR listener, and a PAIR listener answering
 * its peer with its return value.
 */
class PairPatternTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void templatePairDeliversInOrderToPairListener(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(PairSink.class)
			.withPropertyValues("pair=" + endpoint, "zmq.sockets.peer.type=PAIR",
					"zmq.sockets.peer.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				List<String> expected = IntStream.range(0, 20).mapToObj((i) -> "m" + i).toList();
				expected.forEach((message) -> template.convertAndSend("peer", message));
				PairSink sink = context.getBean(PairSink.class);
				await().atMost(TIMEOUT).until(() -> sink.received.size() >= expected.size());
				assertThat(sink.received).containsExactlyElementsOf(expected);
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void pairListenerReturnValueGoesBackToItsPeer(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(PairShouter.class).withPropertyValues("pair=" + endpoint).run((context) -> {
			assertThat(context).hasNotFailed();
			ZContext zmq = context.getBean(ZContext.class);
			ZMQ.Socket peer = zmq.createSocket(SocketType.PAIR);
			try {
				peer.setReceiveTimeOut((int) TIMEOUT.toMillis());
				// A raw JeroMQ connect can stall before its handshake (see README); retry it quickly
				peer.setHandshakeIvl(1000);
				peer.setReconnectIVL(50);
				assertThat(peer.connect(endpoint)).isTrue();
				assertThat(peer.send("ping")).isTrue();
				assertThat(peer.recvStr()).isEqualTo("PING");
				assertThat(peer.send("again")).isTrue();
				assertThat(peer.recvStr()).isEqualTo("AGAIN");
			}
			finally {
				zmq.destroySocket(peer);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PairSink {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "PAIR", endpoints = "@${pair}")
		void receive(String message) {
			this.received.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PairShouter {

		@ZmqListener(type = "PAIR", endpoints = "@${pair}")
		String shout(String message) {
			return message.toUpperCase(Locale.ROOT);
		}

	}

}

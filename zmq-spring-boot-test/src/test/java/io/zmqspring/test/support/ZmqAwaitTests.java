package io.zmqspring.test.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ZmqAwaitTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withInitializer(new ZmqFreePortsInitializer())
		.withPropertyValues("zmq.defaults.linger=0s");

	@Test
	void listenersRunningReturnsOnceTheListenerServes() {
		this.runner.withUserConfiguration(Echo.class).run((context) -> {
			ZmqAwait.listenersRunning(context.getBean(ZmqListenerEndpointRegistry.class), TIMEOUT);
			ZmqAwait.listenerRunning(context.getBean(ZmqListenerEndpointRegistry.class), "echo", TIMEOUT);
			try (ZmqTestPeer client = ZmqTestPeer.connect(SocketType.REQ,
					context.getEnvironment().getProperty("zmq-test.endpoint.echo"))) {
				assertThat(client.request("hi", TIMEOUT).text()).isEqualTo("hi");
			}
		});
	}

	@Test
	void listenerRunningFailsNamingAnUnknownListener() {
		this.runner.withUserConfiguration(Echo.class).run((context) -> assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ZmqAwait.listenerRunning(context.getBean(ZmqListenerEndpointRegistry.class), "nope",
					Duration.ofMillis(50)))
			.withMessageContaining("'nope'")
			.withMessageContaining("echo"));
	}

	@Test
	void connectionsCountsThePeersThatConnectedToABoundListener() {
		this.runner.withUserConfiguration(Echo.class).run((context) -> {
			ZmqSocketFactory factory = context.getBean(ZmqSocketFactory.class);
			String endpoint = context.getEnvironment().getProperty("zmq-test.endpoint.echo");
			try (ZmqTestPeer first = ZmqTestPeer.connect(SocketType.REQ, endpoint);
					ZmqTestPeer second = ZmqTestPeer.connect(SocketType.REQ, endpoint)) {
				ZmqAwait.connections(factory, "echo", 2, TIMEOUT);
			}
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> ZmqAwait.connections(factory, "echo", 3, Duration.ofMillis(50)))
				.withMessageContaining("Socket 'echo' has");
		});
	}

	@Test
	void subscribersReturnsOnceTheSubscriptionArrived() {
		this.runner
			.withPropertyValues("zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@${zmq-test.endpoint.news}",
					"zmq.sockets.news.wait-for-subscribers=0")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				try (ZmqTestPeer sub = ZmqTestPeer.of(SocketType.SUB)
					.subscribe("weather")
					.connect(context.getEnvironment().getProperty("zmq-test.endpoint.news"))) {
					ZmqAwait.subscribers(template, "news", 1, TIMEOUT);
					template.send("news", "weather", "sunny".getBytes());
					assertThat(sub.awaitMessage(TIMEOUT).texts()).containsExactly("weather", "sunny");
				}
			});
	}

	@Test
	void subscribersFailsWhenTooFewSubscribed() {
		this.runner
			.withPropertyValues("zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@${zmq-test.endpoint.news}",
					"zmq.sockets.news.wait-for-subscribers=0")
			.run((context) -> assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> ZmqAwait.subscribers(context.getBean(ZmqTemplate.class), "news", 1,
						Duration.ofMillis(50)))
				.withMessageContaining("'news' did not receive 1 subscriptions"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Echo {

		@ZmqListener(id = "echo", type = "REP", endpoints = "@${zmq-test.endpoint.echo}")
		String echo(String text) {
			return text;
		}

	}

}

package io.zmqspring.patterns;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Endpoints beyond fixed tcp and inproc addresses: a wildcard port read back from the listener
 * container, and ipc.
 */
class EndpointTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void wildcardPortBindIsReadableAndReachableByAnyPeer() {
		this.runner.withUserConfiguration(WildcardListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
				.getListenerContainer("wildcard");
			assertThat(container).isNotNull();
			List<String> actual = container.getActualEndpoints();
			assertThat(actual).singleElement().asString().matches("tcp://127\\.0\\.0\\.1:\\d+");
			try (ZContext peerContext = new ZContext()) {
				ZMQ.Socket push = peerContext.createSocket(SocketType.PUSH);
				// A raw JeroMQ connect can stall before its handshake (see README); retry it quickly
				push.setHandshakeIvl(1000);
				push.setReconnectIVL(50);
				assertThat(push.connect(actual.get(0))).isTrue();
				assertThat(push.send("from a raw socket")).isTrue();
				WildcardListener listener = context.getBean(WildcardListener.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(listener.received).containsExactly("from a raw socket"));
			}
		});
	}

	@Test
	void ipcCarriesRequestsAndRepliesInsideOneJvm() {
		String endpoint = "ipc://zmq-spring-patterns-" + UUID.randomUUID();
		this.runner.withUserConfiguration(IpcListener.class)
			.withPropertyValues("rpc=" + endpoint, "zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(new String(template.sendAndReceive("client", "over ipc".getBytes(), TIMEOUT)))
					.isEqualTo("ipc:over ipc");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class WildcardListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "wildcard", type = "PULL", endpoints = "@tcp://127.0.0.1:*")
		void on(String message) {
			this.received.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class IpcListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String on(String request) {
			return "ipc:" + request;
		}

	}

}

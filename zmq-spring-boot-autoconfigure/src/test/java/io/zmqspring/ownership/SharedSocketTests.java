package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The template and a listener naming the same socket use that one socket, through its one owner.
 */
class SharedSocketTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void templateReachesAClientOfARouterListenerThroughTheListenersSocket() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(ApiListener.class)
			.withPropertyValues("zmq.sockets.api.type=ROUTER", "zmq.sockets.api.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (ZContext client = new ZContext()) {
					ZMQ.Socket dealer = client.createSocket(SocketType.DEALER);
					dealer.setIdentity("client-1".getBytes(StandardCharsets.UTF_8));
					// JeroMQ now and then stalls a fresh connect before its handshake; retry it quickly
					dealer.setHandshakeIvl(1000);
					dealer.setReconnectIVL(50);
					dealer.setReceiveTimeOut((int) TIMEOUT.toMillis());
					dealer.connect(endpoint);
					dealer.send("hello");
					ApiListener listener = context.getBean(ApiListener.class);
					await().atMost(TIMEOUT).until(() -> !listener.clients.isEmpty());

					context.getBean(ZmqTemplate.class)
						.sendFrames("api", List.of(listener.clients.get(0), "pushed".getBytes(StandardCharsets.UTF_8)));

					assertThat(dealer.recvStr()).isEqualTo("pushed");
				}
			});
	}

	@Test
	void templateAndADealerListenerShareOneConnection() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(LinkListener.class)
			.withPropertyValues("zmq.sockets.link.type=DEALER", "zmq.sockets.link.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (ZContext server = new ZContext()) {
					ZMQ.Socket router = server.createSocket(SocketType.ROUTER);
					router.setReceiveTimeOut((int) TIMEOUT.toMillis());
					router.bind(endpoint);

					context.getBean(ZmqTemplate.class).send("link", "ping".getBytes(StandardCharsets.UTF_8));
					byte[] peer = router.recv();
					assertThat(router.recvStr()).isEqualTo("ping");
					router.sendMore(peer);
					router.send("pong");

					LinkListener listener = context.getBean(LinkListener.class);
					await().atMost(TIMEOUT).until(() -> listener.received.contains("pong"));
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ApiListener {

		final List<byte[]> clients = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "api")
		void receive(@Header(ZmqHeaders.ROUTING_ID) byte[] client, String text) {
			this.clients.add(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LinkListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "link")
		void receive(String text) {
			this.received.add(text);
		}

	}

}

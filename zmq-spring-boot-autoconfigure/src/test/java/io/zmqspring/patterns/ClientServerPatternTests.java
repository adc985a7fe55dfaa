package io.zmqspring.patterns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * CLIENT/SERVER end to end (JeroMQ only: libzmq has these types in draft builds alone): a SERVER
 * listener answers the template's requests on a CLIENT socket, many at once, and replies to each
 * client by its routing id.
 */
class ClientServerPatternTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final String endpoint = FreePorts.tcp();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(Server.class)
		.withPropertyValues("server=" + this.endpoint, "zmq.sockets.client.type=CLIENT",
				"zmq.sockets.client.endpoints=>" + this.endpoint, "zmq.template.reply-timeout=20s");

	@Test
	void requestOnAClientIsAnsweredByAServerListener() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.convertSendAndReceive("client", "hello", String.class)).isEqualTo("HELLO");
		});
	}

	@Test
	void serverListenerOnTheSocketsOwnThreadAnswersEachClient() {
		this.runner.withPropertyValues("server.concurrency=1").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			List<CompletableFuture<String>> replies = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				replies.add(template.convertSendAndReceiveAsync("client", "inline-" + i, String.class));
			}
			for (int i = 0; i < 20; i++) {
				assertThat(replies.get(i)).succeedsWithin(TIMEOUT).isEqualTo("INLINE-" + i);
			}
		});
	}

	@Test
	void manyRequestsInFlightAtOnceEachGetTheirOwnReply() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			List<CompletableFuture<String>> replies = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				replies.add(template.convertSendAndReceiveAsync("client", "request-" + i, String.class));
			}
			for (int i = 0; i < 100; i++) {
				assertThat(replies.get(i)).succeedsWithin(TIMEOUT).isEqualTo("REQUEST-" + i);
			}
		});
	}

	@Test
	void failingHandlerAnswersTheClientWithAnErrorReply() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.convertSendAndReceive("client", "fail", String.class))
				.satisfies((failure) -> assertThat(failure.getRemoteReason())
					.isEqualTo("handler: IllegalArgumentException"));
			assertThat(template.convertSendAndReceive("client", "after", String.class)).isEqualTo("AFTER");
		});
	}

	@Test
	void oneWayMessagesOnAClientReachTheServerListener() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			Server server = context.getBean(Server.class);
			template.convertAndSend("client", "note-1");
			template.convertAndSend("client", "note-2");
			await().atMost(TIMEOUT).until(() -> server.received.size() >= 2);
			assertThat(server.received).containsExactlyInAnyOrder("note-1", "note-2");
		});
	}

	@Test
	void serverListenerRepliesToEachClientByItsRoutingId() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			try (ZContext peers = new ZContext()) {
				ZMQ.Socket first = peers.createSocket(SocketType.CLIENT);
				ZMQ.Socket second = peers.createSocket(SocketType.CLIENT);
				// JeroMQ now and then stalls a fresh connect before its handshake; retry it quickly
				first.setHandshakeIvl(1000);
				second.setHandshakeIvl(1000);
				first.setReconnectIVL(50);
				second.setReconnectIVL(50);
				first.connect(this.endpoint);
				second.connect(this.endpoint);
				first.setReceiveTimeOut((int) TIMEOUT.toMillis());
				second.setReceiveTimeOut((int) TIMEOUT.toMillis());
				first.send("who am i");
				second.send("who am i");
				String firstId = new String(first.recv(), StandardCharsets.UTF_8);
				String secondId = new String(second.recv(), StandardCharsets.UTF_8);
				assertThat(firstId).as("a routing id of four bytes, in hex").hasSize(8);
				assertThat(secondId).hasSize(8).isNotEqualTo(firstId);
			}
		});
	}

	@Test
	void multipartMessageOnAClientFailsNamingTheSocket() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> template.sendFrames("client", List.of(new byte[] { 1 }, new byte[] { 2 })))
				.withMessageContaining("client")
				.withMessageContaining("one frame");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Server {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "SERVER", endpoints = "@${server}", concurrency = "${server.concurrency:4}")
		String handle(String request, @Header(ZmqHeaders.ROUTING_ID) byte[] client) {
			if (request.equals("fail")) {
				throw new IllegalArgumentException("no");
			}
			if (request.equals("who am i")) {
				return HexFormat.of().formatHex(client);
			}
			if (request.startsWith("note-")) {
				this.received.add(request);
				return null;
			}
			return request.toUpperCase();
		}

	}

}

package io.zmqspring.headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.support.MessageBuilder;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqHeaderFrame;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The opt-in header frame end to end over tcp: headers reach listeners through the allow-list,
 * plain peers see no extra frame while it is off, and a malformed frame is counted and dropped
 * while the listener goes on serving.
 */
class HeaderFrameTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(Received.class);

	@Test
	void allowedHeadersReachTheListenerAndOthersAreDroppedAndCounted() {
		String endpoint = FreePorts.tcp();
		pulling(endpoint).withUserConfiguration(PullListener.class)
			.withPropertyValues("zmq.sockets.in.headers.enabled=true",
					"zmq.sockets.in.headers.allowed=traceparent,app-*", "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint, "zmq.sockets.out.headers.enabled=true",
					"zmq.sockets.out.headers.allowed=*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class)
					.send("out", MessageBuilder.withPayload("order-1")
						.setHeader("traceparent", TRACEPARENT)
						.setHeader("app-tenant", "acme")
						.setHeader("secret", "not for the listener")
						.build());
				Message<?> message = context.getBean(Received.class).next();
				assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("order-1");
				assertThat(message.getHeaders()).containsEntry("traceparent", TRACEPARENT)
					.containsEntry("app-tenant", "acme")
					.doesNotContainKey("secret");
				assertThat(context.getBean(MeterRegistry.class).get("zmq.headers.dropped").tag("socket", "in").counter().count())
					.isEqualTo(1);
			});
	}

	@Test
	void aPeerCannotForgeTheStartersOwnHeaders() {
		String endpoint = FreePorts.tcp();
		pulling(endpoint).withUserConfiguration(PullListener.class)
			.withPropertyValues("zmq.sockets.in.headers.enabled=true",
					"zmq.sockets.in.headers.allowed=*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (ZContext peer = new ZContext()) {
					ZMQ.Socket push = connect(peer, SocketType.PUSH, endpoint);
					push.sendMore(ZmqHeaderFrame.encode(Map.of(ZmqHeaders.SOCKET, "forged", "app", "kept")));
					push.send("payload");
					Message<?> message = context.getBean(Received.class).next();
					assertThat(message.getHeaders()).containsEntry(ZmqHeaders.SOCKET, "in").containsEntry("app", "kept");
				}
			});
	}

	@Test
	void withTheHeaderFrameOffAPlainPeerReceivesOnlyThePayload() {
		String endpoint = FreePorts.tcp();
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket pull = peer.createSocket(SocketType.PULL);
			pull.bind(endpoint);
			pull.setReceiveTimeOut((int) TIMEOUT.toMillis());
			this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(ZmqTemplate.class)
						.send("out", MessageBuilder.withPayload("plain").setHeader("traceparent", TRACEPARENT).build());
					ZMsg received = ZMsg.recvMsg(pull);
					assertThat(received).isNotNull();
					assertThat(received).hasSize(1);
					assertThat(received.getFirst().getString(StandardCharsets.UTF_8)).isEqualTo("plain");
				});
		}
	}

	@Test
	void aMalformedHeaderFrameIsCountedAndTheListenerKeepsServing() {
		String endpoint = FreePorts.tcp();
		pulling(endpoint).withUserConfiguration(PullListener.class)
			.withPropertyValues("zmq.sockets.in.headers.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (ZContext peer = new ZContext()) {
					ZMQ.Socket push = connect(peer, SocketType.PUSH, endpoint);
					push.sendMore(new byte[] { 'Z', 'M', 'Q', 'H', 1, 9, 40, 'x' });
					push.send("dropped");
					push.sendMore(ZmqHeaderFrame.encode(Map.of("traceparent", TRACEPARENT)));
					push.send("served");
					Message<?> message = context.getBean(Received.class).next();
					assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("served");
					assertThat(context.getBean(MeterRegistry.class)
						.get("zmq.listener.invalid.messages")
						.tag("socket", "in")
						.tag("reason", "bad-header-frame")
						.counter()
						.count()).isEqualTo(1);
				}
			});
	}

	@Test
	void aRequestCarriesItsHeadersToAReplyingListener() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(TraceEcho.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.sockets.echo.type=REP",
					"zmq.sockets.echo.endpoints=@" + endpoint, "zmq.sockets.ask.type=REQ",
					"zmq.sockets.ask.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Message<byte[]> reply = context.getBean(ZmqTemplate.class)
					.sendAndReceiveAsync("ask", MessageBuilder.withPayload("ping").setHeader("traceparent", TRACEPARENT).build(),
							TIMEOUT)
					.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("ping " + TRACEPARENT);
				assertThat(reply.getHeaders()).containsEntry(ZmqHeaders.SOCKET, "ask");
			});
	}

	@Test
	void aPublishedMessageKeepsItsTopicFrameFirstAndItsHeaders() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(WeatherListener.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.sockets.news.type=PUB",
					"zmq.sockets.news.endpoints=@" + endpoint, "zmq.sockets.weather.type=SUB",
					"zmq.sockets.weather.endpoints=>" + endpoint, "zmq.sockets.weather.topics=weather")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				Received received = context.getBean(Received.class);
				// A subscription takes a moment to reach the publisher: publish until one arrives
				await().atMost(TIMEOUT).until(() -> {
					template.send("news", MessageBuilder.withPayload("sunny")
						.setHeader(ZmqHeaders.TOPIC, "weather")
						.setHeader("traceparent", TRACEPARENT)
						.build());
					return !received.messages.isEmpty();
				});
				Message<?> message = received.next();
				assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "weather")
					.containsEntry("traceparent", TRACEPARENT);
			});
	}

	@Test
	void anInlineListenerTakesTheHeaderFrameFromTheDefaults() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(InlineListener.class)
			.withPropertyValues("inline=@" + endpoint, "zmq.defaults.headers.enabled=true", "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class)
					.send("out", null, Map.of("traceparent", TRACEPARENT), "x".getBytes(StandardCharsets.UTF_8));
				assertThat(context.getBean(Received.class).next().getHeaders()).containsEntry("traceparent", TRACEPARENT);
			});
	}

	@Test
	void aWildcardInsideAnAllowedNameFailsStartupNamingTheProperty() {
		pulling(FreePorts.tcp()).withPropertyValues("zmq.sockets.in.headers.allowed=trace*parent")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zmq.sockets.in.headers.allowed[0]"));
	}

	private ApplicationContextRunner pulling(String endpoint) {
		return this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint);
	}

	private static ZMQ.Socket connect(ZContext peer, SocketType type, String endpoint) {
		ZMQ.Socket socket = peer.createSocket(type);
		// JeroMQ now and then stalls a fresh connect before its handshake; retry it quickly
		socket.setHandshakeIvl(1000);
		socket.setReconnectIVL(50);
		socket.connect(endpoint);
		return socket;
	}

	static class Received {

		final BlockingQueue<Message<?>> messages = new LinkedBlockingQueue<>();

		Message<?> next() throws InterruptedException {
			Message<?> message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(message).as("a message within " + TIMEOUT).isNotNull();
			return message;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PullListener {

		@Bean
		Listener listener(Received received) {
			return new Listener(received);
		}

		static class Listener {

			private final Received received;

			Listener(Received received) {
				this.received = received;
			}

			@ZmqListener(socket = "in")
			void onMessage(Message<byte[]> message) {
				this.received.messages.add(message);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TraceEcho {

		@ZmqListener(socket = "echo")
		String echo(String request, @Header("traceparent") String traceparent) {
			return request + " " + traceparent;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WeatherListener {

		private final Received received;

		WeatherListener(Received received) {
			this.received = received;
		}

		@ZmqListener(socket = "weather")
		void onWeather(Message<byte[]> message) {
			this.received.messages.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InlineListener {

		private final Received received;

		InlineListener(Received received) {
			this.received = received;
		}

		@ZmqListener(type = "PULL", endpoints = "${inline}")
		void onMessage(Message<byte[]> message) {
			this.received.messages.add(message);
		}

	}

}

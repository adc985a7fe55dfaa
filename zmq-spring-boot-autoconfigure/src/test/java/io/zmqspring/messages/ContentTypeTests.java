package io.zmqspring.messages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content types over real sockets: MessagePack per socket and per listener, JSON as the default,
 * and a listener that takes both by the contentType header of the header frame.
 */
class ContentTypeTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean("orders", Received.class, Received::new);

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aRecordTravelsAsMessagePackFromTemplateToListener(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(OrderListener.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
					"zmq.sockets.in.content-type=application/msgpack", "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint, "zmq.sockets.out.content-type=application/msgpack")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Order order = new Order(42, "book", List.of("gift", "fragile"), new byte[] { 0, 1, (byte) 0xff }, 9.5);
				context.getBean(ZmqTemplate.class).convertAndSend("out", order);
				Order received = (Order) received(context).next();
				assertThat(received).usingRecursiveComparison().isEqualTo(order);
			});
	}

	@Test
	void aMessagePackSocketPutsMessagePackOnTheWire() throws Exception {
		String endpoint = FreePorts.tcp();
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket pull = peer.createSocket(SocketType.PULL);
			pull.bind(endpoint);
			pull.setReceiveTimeOut((int) Received.TIMEOUT.toMillis());
			this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint,
					"zmq.sockets.out.content-type=application/msgpack")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(ZmqTemplate.class).convertAndSend("out", new Order(7, "pen", List.of(), null, 1.0));
					byte[] frame = pull.recv();
					assertThat(frame).isNotNull();
					assertThat(pull.hasReceiveMore()).isFalse();
					try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(frame)) {
						assertThat(unpacker.unpackMapHeader()).isEqualTo(5);
						assertThat(unpacker.unpackString()).isEqualTo("id");
						assertThat(unpacker.unpackInt()).isEqualTo(7);
						assertThat(unpacker.unpackString()).isEqualTo("item");
						assertThat(unpacker.unpackString()).isEqualTo("pen");
					}
				});
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aListenerReadsJsonAndMessagePackByTheContentTypeTheSenderAnnounces(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(OrderListener.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.sockets.in.type=PULL",
					"zmq.sockets.in.endpoints=@" + endpoint, "zmq.sockets.json.type=PUSH",
					"zmq.sockets.json.endpoints=>" + endpoint, "zmq.sockets.msgpack.type=PUSH",
					"zmq.sockets.msgpack.endpoints=>" + endpoint, "zmq.sockets.msgpack.content-type=application/msgpack")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSend("json", new Order(1, "as json", List.of("a"), null, 1.5));
				assertThat(((Order) received(context).next()).item()).isEqualTo("as json");
				template.convertAndSend("msgpack", new Order(2, "as msgpack", List.of("b"), null, 2.5));
				assertThat(((Order) received(context).next()).item()).isEqualTo("as msgpack");
				template.send("json", MessageBuilder.withPayload(new Order(3, "by its header", List.of(), null, 0))
					.setHeader(MessageHeaders.CONTENT_TYPE, ZmqContentTypes.APPLICATION_MSGPACK)
					.build());
				assertThat(((Order) received(context).next()).item()).isEqualTo("by its header");
			});
	}

	@Test
	void aMessagePackRequestGetsAMessagePackReplyFromAListenerWithoutAContentType() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(QuoteService.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.sockets.quotes.type=REP",
					"zmq.sockets.quotes.endpoints=@" + endpoint, "zmq.sockets.ask.type=REQ",
					"zmq.sockets.ask.endpoints=>" + endpoint, "zmq.sockets.ask.content-type=application/msgpack",
					// longer than the handshake interval a connect JeroMQ stalls waits out
					"zmq.template.reply-timeout=20s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Order quoted = context.getBean(ZmqTemplate.class)
					.convertSendAndReceive("ask", new Order(5, "lamp", List.of(), null, 0), Order.class);
				assertThat(quoted).isNotNull();
				assertThat(quoted.price()).isEqualTo(50.0);
			});
	}

	@Test
	void stringsAndBytesStayAsTheyAreOnAMessagePackSocket() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(TextListener.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
					"zmq.sockets.in.content-type=application/msgpack", "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint, "zmq.sockets.out.content-type=application/msgpack")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class).convertAndSend("out", "plain text");
				assertThat(received(context).next()).isEqualTo("plain text");
			});
	}

	@Test
	void anUnknownContentTypeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + FreePorts.tcp(),
				"zmq.sockets.out.content-type=text/xml")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zmq.sockets.out.content-type")
				.hasMessageContaining("text/xml"));
	}

	@Test
	void anUnknownListenerContentTypeFailsStartupNamingTheListener() {
		this.runner.withUserConfiguration(BadContentTypeListener.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + FreePorts.tcp())
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("@ZmqListener 'bad'")
				.hasMessageContaining("contentType"));
	}

	@SuppressWarnings("unchecked")
	private static Received<Object> received(org.springframework.context.ApplicationContext context) {
		return context.getBean("orders", Received.class);
	}

	record Order(int id, String item, List<String> tags, byte[] signature, double price) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderListener {

		@Bean
		Handler handler(org.springframework.context.ApplicationContext context) {
			return new Handler(received(context));
		}

		static class Handler {

			private final Received<Object> received;

			Handler(Received<Object> received) {
				this.received = received;
			}

			@ZmqListener(socket = "in")
			void onOrder(Order order) {
				this.received.items.add(order);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TextListener {

		@Bean
		Handler handler(org.springframework.context.ApplicationContext context) {
			return new Handler(received(context));
		}

		static class Handler {

			private final Received<Object> received;

			Handler(Received<Object> received) {
				this.received = received;
			}

			@ZmqListener(socket = "in")
			void onText(Message<String> text) {
				this.received.items.add(text.getPayload());
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuoteService {

		@ZmqListener(socket = "quotes")
		Order quote(Order request, @org.springframework.messaging.handler.annotation.Header(MessageHeaders.CONTENT_TYPE) String contentType) {
			return new Order(request.id(), request.item() + " (" + contentType + ")", List.of(), null, request.id() * 10.0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadContentTypeListener {

		@ZmqListener(id = "bad", socket = "in", contentType = "application/yaml")
		void onMessage(Map<String, Object> ignored) {
		}

	}

}

package io.zmqspring.patterns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.annotation.Validated;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerErrorHandler;
import io.zmqspring.listener.ZmqListenerException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The parameter kinds a listener method can declare, each fed end to end by a template PUSH
 * socket into a PULL listener over tcp.
 */
class ListenerParameterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	private ApplicationContextRunner pipeline(Class<? extends Collector> listener) {
		String endpoint = FreePorts.tcp();
		return this.runner.withUserConfiguration(listener)
			.withPropertyValues("in=" + endpoint, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint);
	}

	private static Object receivedOne(Collector collector) {
		await().atMost(TIMEOUT).until(() -> !collector.received.isEmpty());
		assertThat(collector.received).hasSize(1);
		return collector.received.get(0);
	}

	@Test
	void byteArrayParameterGetsThePayloadBytesUnchanged() {
		byte[] payload = { 0, -1, 127, -128, 10 };
		pipeline(BytesListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTemplate.class).send("out", payload);
			assertThat(receivedOne(context.getBean(Collector.class))).isEqualTo(payload);
		});
	}

	@Test
	void stringParameterGetsThePayloadAsUtf8() {
		pipeline(StringListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTemplate.class).send("out", "grüße €".getBytes(StandardCharsets.UTF_8));
			assertThat(receivedOne(context.getBean(Collector.class))).isEqualTo("grüße €");
		});
	}

	@Test
	void recordParameterIsReadFromJson() {
		pipeline(RecordListener.class).withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class)
					.send("out", "{\"item\":\"widget\",\"quantity\":3}".getBytes(StandardCharsets.UTF_8));
				assertThat(receivedOne(context.getBean(Collector.class))).isEqualTo(new Order("widget", 3));
			});
	}

	@Test
	void messageParameterCarriesTheConvertedPayloadAndZmqHeaders() {
		pipeline(MessageListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTemplate.class).convertAndSend("out", "hello");
			Object received = receivedOne(context.getBean(Collector.class));
			assertThat(received).isInstanceOf(Message.class);
			Message<?> message = (Message<?>) received;
			assertThat(message.getPayload()).isEqualTo("hello");
			assertThat(message.getHeaders()).containsEntry(ZmqHeaders.LISTENER_ID, "typed-message")
				.containsEntry(ZmqHeaders.SOCKET, "typed-message")
				.containsKey(ZmqHeaders.FRAMES);
		});
	}

	@Test
	void listOfByteArraysGetsAllFramesAndPayloadIsTheLastFrame() {
		pipeline(FramesListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTemplate.class).sendFrames("out", List.of(bytes("one"), bytes("two"), bytes("three")));
			assertThat(receivedOne(context.getBean(Collector.class))).isEqualTo("one,two,three|three");
		});
	}

	@Test
	void zmsgParameterGetsAllFrames() {
		pipeline(ZMsgListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTemplate.class).sendFrames("out", List.of(bytes("a"), new byte[0], bytes("c")));
			assertThat(receivedOne(context.getBean(Collector.class))).isEqualTo(List.of("a", "", "c"));
		});
	}

	@Test
	void invalidPayloadGoesToTheErrorHandlerAndTheListenerKeepsConsuming() {
		pipeline(ValidatingListener.class)
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSend("out", new Order(" ", 2));
				template.convertAndSend("out", new Order("widget", 0));
				template.convertAndSend("out", new Order("widget", 2));
				Collector listener = context.getBean(Collector.class);
				RecordingErrorHandler errors = context.getBean(RecordingErrorHandler.class);
				await().atMost(TIMEOUT).until(() -> !listener.received.isEmpty() && errors.failures.size() >= 2);
				assertThat(listener.received).containsExactly(new Order("widget", 2));
				assertThat(errors.failures).hasSize(2).allSatisfy((failure) -> {
					assertThat(failure.getKind()).isEqualTo(ZmqListenerException.Kind.CONVERSION);
					assertThat(failure.getListenerId()).isEqualTo("orders");
					assertThat(failure).hasCauseInstanceOf(MethodArgumentNotValidException.class);
				});
				assertThat(errors.payloads).containsExactly("{\"item\":\" \",\"quantity\":2}",
						"{\"item\":\"widget\",\"quantity\":0}");
			});
	}

	@Test
	void validatedPayloadFailingItsConstraintsGoesToTheErrorHandler() {
		pipeline(SpringValidatedListener.class)
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSend("out", new Order("", 1));
				template.convertAndSend("out", new Order("gadget", 1));
				Collector listener = context.getBean(Collector.class);
				RecordingErrorHandler errors = context.getBean(RecordingErrorHandler.class);
				await().atMost(TIMEOUT).until(() -> !listener.received.isEmpty() && !errors.failures.isEmpty());
				assertThat(listener.received).containsExactly(new Order("gadget", 1));
				assertThat(errors.failures).singleElement()
					.satisfies((failure) -> assertThat(failure).hasCauseInstanceOf(MethodArgumentNotValidException.class));
			});
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Order(@NotBlank String item, @Positive int quantity) {
	}

	abstract static class Collector {

		final List<Object> received = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class BytesListener extends Collector {

		@ZmqListener(type = "PULL", endpoints = "@${in}")
		void on(byte[] payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StringListener extends Collector {

		@ZmqListener(type = "PULL", endpoints = "@${in}")
		void on(String payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordListener extends Collector {

		@ZmqListener(type = "PULL", endpoints = "@${in}")
		void on(Order order) {
			this.received.add(order);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MessageListener extends Collector {

		@ZmqListener(id = "typed-message", type = "PULL", endpoints = "@${in}")
		void on(Message<String> message) {
			this.received.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FramesListener extends Collector {

		@ZmqListener(type = "PULL", endpoints = "@${in}")
		void on(List<byte[]> frames, @Payload String payload) {
			List<String> texts = frames.stream().map((frame) -> new String(frame, StandardCharsets.UTF_8)).toList();
			this.received.add(String.join(",", texts) + "|" + payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ZMsgListener extends Collector {

		@ZmqListener(type = "PULL", endpoints = "@${in}")
		void on(ZMsg message) {
			this.received.add(message.stream().map((frame) -> frame.getString(ZMQ.CHARSET)).toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidatingListener extends Collector {

		@Bean
		RecordingErrorHandler rejects() {
			return new RecordingErrorHandler();
		}

		@ZmqListener(id = "orders", type = "PULL", endpoints = "@${in}", errorHandler = "rejects")
		void on(@Payload @Valid Order order) {
			this.received.add(order);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpringValidatedListener extends Collector {

		@Bean
		RecordingErrorHandler rejects() {
			return new RecordingErrorHandler();
		}

		@ZmqListener(type = "PULL", endpoints = "@${in}", errorHandler = "rejects")
		void on(@Payload @Validated Order order) {
			this.received.add(order);
		}

	}

	static class RecordingErrorHandler implements ZmqListenerErrorHandler {

		final List<ZmqListenerException> failures = new CopyOnWriteArrayList<>();

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@Override
		public Object handleError(ZmqInboundMessage message, ZmqListenerException exception) {
			this.payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
			this.failures.add(exception);
			return null;
		}

	}

}

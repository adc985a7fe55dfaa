package io.zmqspring.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerErrorHandler;
import io.zmqspring.listener.ZmqListenerException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Request-reply keeps working through slow servers, failing handlers and bad payloads.
 */
class RequestReplyFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		// longer than twice the handshake interval a connect JeroMQ stalls waits out
		.withPropertyValues("zmq.defaults.linger=200ms", "zmq.template.reply-timeout=20s");

	@Test
	void lateReplyIsDiscardedAndTheSocketServesTheNextRequest() {
		String rpc = FreePorts.tcp();
		this.runner.withUserConfiguration(Metrics.class, SlowRepListener.class)
			.withPropertyValues("rpc=" + rpc, "zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + rpc)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				SlowRepListener listener = context.getBean(SlowRepListener.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThatExceptionOfType(ZmqReplyTimeoutException.class)
					.isThrownBy(() -> template.sendAndReceive("client", bytes("slow"), Duration.ofMillis(300)));
				assertThat(count(meters, "zmq.replies.timeouts")).isEqualTo(1);
				listener.release.countDown();
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(count(meters, "zmq.replies.discarded")).isEqualTo(1));
				assertThat(text(template.sendAndReceive("client", bytes("fast")))).isEqualTo("re:fast");
				assertThat(count(meters, "zmq.replies.discarded")).isEqualTo(1);
			});
	}

	@Test
	void failingHandlerAnswersWithRemoteExceptionAndKeepsServing() {
		String rpc = FreePorts.tcp();
		this.runner.withUserConfiguration(Metrics.class, FailingRepListener.class)
			.withPropertyValues("rpc=" + rpc, "zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + rpc)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.sendAndReceive("client", bytes("fail")))
					.satisfies((ex) -> assertThat(ex.getRemoteReason()).contains("IllegalStateException"));
				assertThat(text(template.sendAndReceive("client", bytes("ok")))).isEqualTo("re:ok");
				assertThat(count(meters, "zmq.listener.errors")).isEqualTo(1);
				assertThat(meters.find("zmq.listener.errors").tag("kind", "handler").counter()).isNotNull();
			});
	}

	@Test
	void namedErrorHandlerSeesTheListenerAndItsReturnValueBecomesTheReply() {
		String rpc = FreePorts.tcp();
		this.runner.withUserConfiguration(RecordingErrorHandlerConfiguration.class, HandledRepListener.class)
			.withPropertyValues("rpc=" + rpc, "zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + rpc)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				RecordingErrorHandler handler = context.getBean(RecordingErrorHandler.class);
				assertThat(text(template.sendAndReceive("client", bytes("fail")))).isEqualTo("fallback:fail");
				assertThat(handler.failures).singleElement().satisfies((failure) -> {
					assertThat(failure.getListenerId()).isEqualTo("handled");
					assertThat(failure.getSocketName()).isEqualTo("handled");
					assertThat(failure.getKind()).isEqualTo(ZmqListenerException.Kind.HANDLER);
					assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
				});
				assertThat(handler.messages).singleElement()
					.satisfies((message) -> assertThat(message.getListenerId()).isEqualTo("handled"));
				assertThat(text(template.sendAndReceive("client", bytes("ok")))).isEqualTo("re:ok");
			});
	}

	@Test
	void conversionFailureReachesTheErrorHandlerAndTheListenerKeepsConsuming() {
		String pipe = FreePorts.tcp();
		this.runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withUserConfiguration(RecordingErrorHandlerConfiguration.class, JsonPullListener.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				RecordingErrorHandler handler = context.getBean(RecordingErrorHandler.class);
				JsonPullListener listener = context.getBean(JsonPullListener.class);
				template.send("out", bytes("{not json"));
				template.convertAndSend("out", new Order("book", 2));
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(listener.orders).containsExactly(new Order("book", 2)));
				assertThat(handler.failures).singleElement().satisfies((failure) -> {
					assertThat(failure.getKind()).isEqualTo(ZmqListenerException.Kind.CONVERSION);
					assertThat(failure.getListenerId()).isEqualTo("orders");
				});
				assertThat(handler.messages).singleElement()
					.satisfies((message) -> assertThat(text(message.getPayload())).isEqualTo("{not json"));
			});
	}

	private static double count(MeterRegistry meters, String name) {
		return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	record Order(String item, int quantity) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowRepListener {

		final CountDownLatch release = new CountDownLatch(1);

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String reply(String request) throws InterruptedException {
			if (request.equals("slow")) {
				assertThat(this.release.await(20, TimeUnit.SECONDS)).isTrue();
			}
			return "re:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingRepListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String reply(String request) {
			if (request.equals("fail")) {
				throw new IllegalStateException("cannot serve " + request);
			}
			return "re:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandledRepListener {

		@ZmqListener(id = "handled", type = "REP", endpoints = "@${rpc}", errorHandler = "recordingErrorHandler")
		String reply(String request) {
			if (request.equals("fail")) {
				throw new IllegalStateException("cannot serve " + request);
			}
			return "re:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JsonPullListener {

		final List<Order> orders = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "orders", type = "PULL", endpoints = "@${pipe}", errorHandler = "recordingErrorHandler")
		void receive(Order order) {
			this.orders.add(order);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingErrorHandlerConfiguration {

		@Bean
		RecordingErrorHandler recordingErrorHandler() {
			return new RecordingErrorHandler();
		}

	}

	static class RecordingErrorHandler implements ZmqListenerErrorHandler {

		final List<ZmqInboundMessage> messages = new CopyOnWriteArrayList<>();

		final List<ZmqListenerException> failures = new CopyOnWriteArrayList<>();

		@Override
		public @Nullable Object handleError(ZmqInboundMessage message, ZmqListenerException exception) {
			this.messages.add(message);
			this.failures.add(exception);
			return "fallback:" + text(message.getPayload());
		}

	}

}

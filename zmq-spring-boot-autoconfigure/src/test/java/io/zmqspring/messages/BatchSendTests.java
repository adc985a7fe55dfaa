package io.zmqspring.messages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The template's batch sends over real sockets: many messages in one hand-off to the socket's
 * owner, delivered in order even when the high-water mark makes the owner send them in parts.
 */
class BatchSendTests {

	private static final int COUNT = 3000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean("texts", Received.class, Received::new)
		.withUserConfiguration(TextListener.class);

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aBatchLargerThanTheHighWaterMarkIsDeliveredCompleteAndInOrder(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withPropertyValues("zmq.defaults.send-hwm=50", "zmq.defaults.receive-hwm=50",
				"zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint, "zmq.sockets.out.type=PUSH",
				"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<byte[]> payloads = IntStream.range(0, COUNT)
					.mapToObj((i) -> ("b" + i).getBytes(StandardCharsets.UTF_8))
					.toList();
				context.getBean(ZmqTemplate.class).sendBatch("out", payloads);
				List<Object> received = texts(context).next(COUNT);
				assertThat(received).containsExactlyElementsOf(IntStream.range(0, COUNT).mapToObj((i) -> "b" + i).toList());
				ZmqSocketFactory sockets = context.getBean(ZmqSocketFactory.class);
				await().atMost(Received.TIMEOUT)
					.untilAsserted(() -> assertThat(sockets.getOwners().find("out").getStats().getMessagesSent())
						.isEqualTo(COUNT));
			});
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void convertedBatchesAndSingleSendsKeepTheOrderTheyWereQueuedIn(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
				"zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSend("out", "first");
				template.convertAndSendBatch("out", List.of("second", "third"));
				template.convertAndSend("out", "fourth");
				assertThat(texts(context).next(4)).containsExactly("first", "second", "third", "fourth");
			});
	}

	@SuppressWarnings("unchecked")
	private static Received<Object> texts(ApplicationContext context) {
		return context.getBean("texts", Received.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class TextListener {

		@Bean
		Handler handler(ApplicationContext context) {
			return new Handler(texts(context));
		}

		static class Handler {

			private final Received<Object> received;

			Handler(Received<Object> received) {
				this.received = received;
			}

			@ZmqListener(socket = "in")
			void onText(String text) {
				this.received.items.add(text);
			}

		}

	}

}

package io.zmqspring.messages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.listener.ZmqListenerErrorHandler;
import io.zmqspring.listener.ZmqListenerException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch listeners over real sockets: batches by size and by time window, a partial batch
 * delivered on stop, a failing batch counted as one failure while the listener goes on, and
 * socket types that must reply refused at startup.
 */
class BatchListenerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean("batches", Received.class, Received::new);

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aBatchIsHandedOverAsSoonAsItIsFull(Transport transport) {
		pushPull(transport.endpoint(), "batch.size=5", "batch.timeout=1h").withUserConfiguration(TextBatches.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 10; i++) {
					template.convertAndSend("out", "m" + i);
				}
				assertThat(batches(context).next(2)).containsExactly(List.of("m0", "m1", "m2", "m3", "m4"),
						List.of("m5", "m6", "m7", "m8", "m9"));
			});
	}

	@Test
	void aBatchThatIsNotFullIsHandedOverWhenItsTimeWindowHasPassed() {
		pushPull(FreePorts.tcp(), "batch.size=100", "batch.timeout=200ms").withUserConfiguration(TextBatches.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class).convertAndSendBatch("out", List.of("a", "b", "c"));
				List<Object> all = new ArrayList<>();
				while (all.size() < 3) {
					List<?> batch = (List<?>) batches(context).next();
					assertThat(batch).hasSizeLessThan(100);
					all.addAll(batch);
				}
				assertThat(all).containsExactly("a", "b", "c");
			});
	}

	@Test
	void aPartialBatchIsHandedOverWhenTheListenerStops() {
		pushPull(FreePorts.tcp(), "batch.size=100", "batch.timeout=1h").withUserConfiguration(TextBatches.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class).sendBatch("out",
						IntStream.range(0, 7).mapToObj((i) -> ("p" + i).getBytes(StandardCharsets.UTF_8)).toList());
				ZmqSocketOwner in = context.getBean(ZmqSocketFactory.class).getOwners().find("in");
				await().atMost(Received.TIMEOUT).until(() -> in.getStats().getMessagesReceived() == 7);
				assertThat(batches(context).items).isEmpty();
				context.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("texts").stop();
				assertThat(batches(context).next()).isEqualTo(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6"));
			});
	}

	@Test
	void aFailingBatchIsOneCountedFailureAndTheListenerGoesOn() {
		pushPull(FreePorts.tcp(), "batch.size=2", "batch.timeout=1h").withUserConfiguration(FailingBatches.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSendBatch("out", List.of("poison", "a", "b", "c"));
				assertThat(batches(context).next()).isEqualTo(List.of("b", "c"));
				FailureRecorder failures = context.getBean(FailureRecorder.class);
				assertThat(failures.batchSizes).containsExactly(2);
				assertThat(context.getBean(MeterRegistry.class)
					.get("zmq.listener.errors")
					.tag("listener", "failing")
					.tag("kind", "handler")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void batchesOfMessagesCarryTheirHeadersAndRunOnWorkers() {
		pushPull(FreePorts.tcp(), "batch.size=3", "batch.timeout=1h").withUserConfiguration(MessageBatches.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class)
					.convertAndSendBatch("out", IntStream.range(0, 9).mapToObj((i) -> "w" + i).toList());
				List<Object> all = new ArrayList<>();
				for (Object batch : batches(context).next(3)) {
					assertThat((List<?>) batch).hasSize(3);
					all.addAll((List<?>) batch);
				}
				assertThat(all).containsExactlyInAnyOrder("in:w0", "in:w1", "in:w2", "in:w3", "in:w4", "in:w5",
						"in:w6", "in:w7", "in:w8");
				assertThat(context.getBean(MessageBatches.class).threads).allMatch((name) -> name.startsWith("zmq-listener-"));
			});
	}

	@Test
	void aBatchListenerOnASocketThatMustReplyFailsStartupNamingTheListener() {
		this.runner.withUserConfiguration(RepBatches.class)
			.withPropertyValues("zmq.sockets.rep.type=REP", "zmq.sockets.rep.endpoints=@" + FreePorts.tcp())
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("@ZmqListener 'replying'")
				.hasMessageContaining("batch")
				.hasMessageContaining("REP"));
	}

	@Test
	void aBatchListenerMethodWithoutAListParameterFailsStartupNamingTheListener() {
		this.runner.withUserConfiguration(NotAList.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + FreePorts.tcp())
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("@ZmqListener 'single'")
				.hasMessageContaining("List<T>"));
	}

	private ApplicationContextRunner pushPull(String endpoint, String... batch) {
		return this.runner.withPropertyValues(batch)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
					"zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint);
	}

	@SuppressWarnings("unchecked")
	private static Received<Object> batches(ApplicationContext context) {
		return context.getBean("batches", Received.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class TextBatches {

		@Bean
		Handler handler(ApplicationContext context) {
			return new Handler(batches(context));
		}

		static class Handler {

			private final Received<Object> received;

			Handler(Received<Object> received) {
				this.received = received;
			}

			@ZmqListener(id = "texts", socket = "in", batch = "true", batchSize = "${batch.size}",
					batchTimeout = "${batch.timeout}")
			void onBatch(List<String> texts) {
				this.received.items.add(List.copyOf(texts));
			}

		}

	}

	static class FailureRecorder implements ZmqListenerErrorHandler {

		final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

		@Override
		public Object handleError(ZmqInboundMessage message, ZmqListenerException exception) {
			return null;
		}

		@Override
		public void handleBatchError(List<ZmqInboundMessage> messages, ZmqListenerException exception) {
			this.batchSizes.add(messages.size());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingBatches {

		@Bean
		FailureRecorder failureRecorder() {
			return new FailureRecorder();
		}

		@Bean
		Handler handler(ApplicationContext context) {
			return new Handler(batches(context));
		}

		static class Handler {

			private final Received<Object> received;

			Handler(Received<Object> received) {
				this.received = received;
			}

			@ZmqListener(id = "failing", socket = "in", batch = "true", batchSize = "${batch.size}",
					batchTimeout = "${batch.timeout}", errorHandler = "failureRecorder")
			void onBatch(List<String> texts) {
				if (texts.contains("poison")) {
					throw new IllegalStateException("poisoned batch");
				}
				this.received.items.add(List.copyOf(texts));
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MessageBatches {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Bean
		Handler handler(ApplicationContext context) {
			return new Handler(batches(context), this.threads);
		}

		static class Handler {

			private final Received<Object> received;

			private final List<String> threads;

			Handler(Received<Object> received, List<String> threads) {
				this.received = received;
				this.threads = threads;
			}

			@ZmqListener(id = "messages", socket = "in", batch = "true", batchSize = "${batch.size}",
					batchTimeout = "${batch.timeout}", concurrency = "2")
			void onBatch(List<Message<String>> messages) {
				this.threads.add(Thread.currentThread().getName());
				this.received.items.add(messages.stream()
					.map((message) -> message.getHeaders().get(io.zmqspring.listener.ZmqHeaders.SOCKET) + ":"
							+ message.getPayload())
					.toList());
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RepBatches {

		@ZmqListener(id = "replying", socket = "rep", batch = "true")
		void onBatch(List<String> requests) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAList {

		@ZmqListener(id = "single", socket = "in", batch = "true")
		void onBatch(String request) {
		}

	}

}

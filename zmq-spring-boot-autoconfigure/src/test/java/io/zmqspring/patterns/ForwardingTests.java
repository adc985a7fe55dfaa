package io.zmqspring.patterns;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.support.MessageBuilder;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @SendTo}: a listener's return value goes to another socket, over tcp, through the
 * template: a pipeline stage that receives on PULL and forwards on PUSH, a stage that publishes
 * under a topic, and the failure paths (nothing to convert, nowhere to send).
 */
class ForwardingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.defaults.linger=200ms");

	/** tasks (template PUSH) -> worker (PULL, @SendTo) -> results (PUSH) -> sink (PULL). */
	private ApplicationContextRunner pipeline(Class<?> worker) {
		String tasks = FreePorts.tcp();
		String results = FreePorts.tcp();
		return this.runner.withUserConfiguration(worker, Sink.class)
			.withPropertyValues("tasks=" + tasks, "results=" + results, "forward.target=results",
					"zmq.sockets.tasks.type=PUSH", "zmq.sockets.tasks.endpoints=>" + tasks,
					"zmq.sockets.results.type=PUSH", "zmq.sockets.results.endpoints=>" + results);
	}

	@Test
	void pipelineStageForwardsEveryReturnValueToThePushSocket() {
		pipeline(UpperCaseWorker.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(sendHundredTasks(context)).containsExactlyElementsOf(
					IntStream.range(0, 100).mapToObj((i) -> "TASK-" + i).toList());
		});
	}

	@Test
	void stageWithSeveralWorkersForwardsFromEachOfThem() {
		pipeline(ConcurrentWorker.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(sendHundredTasks(context)).containsExactlyInAnyOrderElementsOf(
					IntStream.range(0, 100).mapToObj((i) -> "done:task-" + i).toList());
			assertThat(context.getBean(ConcurrentWorker.class).threads).hasSize(3);
		});
	}

	@Test
	void nullReturnValueSendsNothing() {
		pipeline(FilteringWorker.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			template.convertAndSend("tasks", "skip-1");
			template.convertAndSend("tasks", "keep-2");
			template.convertAndSend("tasks", "skip-3");
			template.convertAndSend("tasks", "keep-4");
			Sink sink = context.getBean(Sink.class);
			// One PUSH connection keeps the order: once keep-4 arrived, skip-3 would have too
			await().atMost(TIMEOUT).until(() -> sink.received.contains("keep-4"));
			assertThat(sink.received).containsExactly("keep-2", "keep-4");
			assertThat(context.getBean(FilteringWorker.class).calls).hasValue(4);
		});
	}

	@Test
	void returnedMessageIsPublishedUnderItsTopicHeader() {
		String tasks = FreePorts.tcp();
		String news = FreePorts.tcp();
		this.runner.withUserConfiguration(TopicWorker.class, EvenSubscriber.class)
			.withPropertyValues("tasks=" + tasks, "news=" + news, "zmq.sockets.tasks.type=PUSH",
					"zmq.sockets.tasks.endpoints=>" + tasks, "zmq.sockets.news.type=PUB",
					"zmq.sockets.news.endpoints=@" + news)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				EvenSubscriber subscriber = context.getBean(EvenSubscriber.class);
				AtomicInteger next = new AtomicInteger();
				// The subscriber joins asynchronously: publish until it receives
				await().atMost(TIMEOUT).until(() -> {
					template.convertAndSend("tasks", Integer.toString(next.getAndIncrement()));
					return !subscriber.received.isEmpty();
				});
				assertThat(subscriber.received).allSatisfy((line) -> assertThat(line).matches("even:\\d*[02468]"));
			});
	}

	@Test
	void forwardThatFindsNoRoomIsCountedAndTheListenerKeepsConsuming() {
		String tasks = FreePorts.tcp();
		// Nothing listens here, and with immediate=true the PUSH socket takes no message at all
		String nowhere = FreePorts.tcp();
		this.runner.withUserConfiguration(Metrics.class, UpperCaseWorker.class)
			.withPropertyValues("tasks=" + tasks, "forward.target=results", "zmq.sockets.tasks.type=PUSH",
					"zmq.sockets.tasks.endpoints=>" + tasks, "zmq.sockets.results.type=PUSH",
					"zmq.sockets.results.endpoints=>" + nowhere, "zmq.sockets.results.immediate=true",
					"zmq.sockets.results.send-timeout=100ms", "zmq.template.send-queue-capacity=1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 5; i++) {
					template.convertAndSend("tasks", "task-" + i);
				}
				UpperCaseWorker worker = context.getBean(UpperCaseWorker.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).until(() -> worker.calls.get() == 5);
				// One message waits in the owner, one in its queue of one; the others find no room
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(forwardErrors(meters)).isGreaterThanOrEqualTo(3));
				assertThat(forwardErrors(meters)).isLessThanOrEqualTo(5);
			});
	}

	@Test
	void returnValueThatCannotBeConvertedIsCountedAndTheListenerKeepsForwarding() {
		pipeline(UnconvertibleWorker.class).withUserConfiguration(Metrics.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			template.convertAndSend("tasks", "record");
			template.convertAndSend("tasks", "text");
			Sink sink = context.getBean(Sink.class);
			await().atMost(TIMEOUT).until(() -> sink.received.contains("text"));
			assertThat(sink.received).containsExactly("text");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("zmq.listener.errors").tag("listener", "worker").tag("kind", "handler").counter()
				.count()).isEqualTo(1);
		});
	}

	/** Send task-0 to task-99 and return what the sink received once it has as many. */
	private static List<String> sendHundredTasks(ApplicationContext context) {
		ZmqTemplate template = context.getBean(ZmqTemplate.class);
		for (int i = 0; i < 100; i++) {
			template.convertAndSend("tasks", "task-" + i);
		}
		Sink sink = context.getBean(Sink.class);
		await().atMost(TIMEOUT).until(() -> sink.received.size() >= 100);
		return sink.received;
	}

	private static double forwardErrors(MeterRegistry meters) {
		Counter counter = meters.find("zmq.listener.errors").tag("listener", "worker").tag("kind", "forward")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Sink {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "sink", type = "PULL", endpoints = "@${results}")
		void receive(String result) {
			this.received.add(result);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UpperCaseWorker {

		final AtomicInteger calls = new AtomicInteger();

		@ZmqListener(id = "worker", type = "PULL", endpoints = "@${tasks}")
		@SendTo("${forward.target}")
		String work(String task) {
			this.calls.incrementAndGet();
			return task.toUpperCase(Locale.ROOT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcurrentWorker {

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		/** The first three tasks wait for each other, so each of the three workers has one. */
		private final CountDownLatch allBusy = new CountDownLatch(3);

		@ZmqListener(id = "worker", type = "PULL", endpoints = "@${tasks}", concurrency = "3")
		@SendTo("results")
		String work(String task) throws InterruptedException {
			this.threads.add(Thread.currentThread().getName());
			this.allBusy.countDown();
			this.allBusy.await(10, TimeUnit.SECONDS);
			return "done:" + task;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FilteringWorker {

		final AtomicInteger calls = new AtomicInteger();

		@ZmqListener(id = "worker", type = "PULL", endpoints = "@${tasks}")
		@SendTo("results")
		@Nullable String work(String task) {
			this.calls.incrementAndGet();
			return task.startsWith("keep") ? task : null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnconvertibleWorker {

		@ZmqListener(id = "worker", type = "PULL", endpoints = "@${tasks}")
		@SendTo("results")
		Object work(String task) {
			return task.equals("record") ? new Unwritable(task) : task;
		}

	}

	/** A record the JSON converter fails on: reading its one component throws. */
	record Unwritable(String value) {

		@Override
		public String value() {
			throw new IllegalStateException("cannot be read");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TopicWorker {

		@ZmqListener(id = "worker", type = "PULL", endpoints = "@${tasks}")
		@SendTo("news")
		Message<String> work(String number) {
			String topic = (Integer.parseInt(number) % 2 == 0) ? "even" : "odd";
			return MessageBuilder.withPayload(number).setHeader(ZmqHeaders.TOPIC, topic).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EvenSubscriber {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "subscriber", type = "SUB", endpoints = ">${news}", topics = "even")
		void receive(@Header(ZmqHeaders.TOPIC) String topic, String number) {
			this.received.add(topic + ":" + number);
		}

	}

}

package io.zmqspring.patterns;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the {@code @ZmqListener} attributes do end to end: repetition, placeholders and
 * concurrency.
 */
class ListenerAnnotationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void repeatedListenerAnnotationReceivesFromEachOfItsSockets() {
		String east = FreePorts.tcp();
		String west = FreePorts.tcp();
		this.runner.withUserConfiguration(TwoSidedListener.class)
			.withPropertyValues("east=" + east, "west=" + west, "zmq.sockets.to-east.type=PUSH",
					"zmq.sockets.to-east.endpoints=>" + east, "zmq.sockets.to-west.type=PUSH",
					"zmq.sockets.to-west.endpoints=>" + west)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZmqListenerEndpointRegistry.class).getListenerContainerIds())
					.containsExactlyInAnyOrder("east", "west");
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.convertAndSend("to-east", "sunrise");
				template.convertAndSend("to-west", "sunset");
				TwoSidedListener listener = context.getBean(TwoSidedListener.class);
				await().atMost(TIMEOUT).until(() -> listener.received.size() >= 2);
				assertThat(listener.received).containsExactlyInAnyOrder("east:sunrise", "west:sunset");
			});
	}

	@Test
	void placeholdersResolveInIdTypeEndpointsAndConcurrency() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(PlaceholderListener.class)
			.withPropertyValues("jobs.id=resolved-jobs", "jobs.endpoint=" + endpoint, "jobs.workers=3",
					"zmq.sockets.jobs.type=PUSH", "zmq.sockets.jobs.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("resolved-jobs");
				assertThat(container).isNotNull();
				assertThat(container.getConcurrency()).isEqualTo(3);
				assertThat(container.getSocketDefinition().type()).isEqualTo(ZmqSocketType.PULL);
				assertThat(container.getSocketDefinition().endpoints()).containsExactly(new ZmqEndpoint(endpoint, true));
				context.getBean(ZmqTemplate.class).convertAndSend("jobs", "job");
				PlaceholderListener listener = context.getBean(PlaceholderListener.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listener.received).containsExactly("job"));
			});
	}

	@Test
	void concurrentPullListenerHandlesMessagesOnSeveralThreadsEachOnce() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(ConcurrentListener.class)
			.withPropertyValues("jobs=" + endpoint, "zmq.sockets.jobs.type=PUSH",
					"zmq.sockets.jobs.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				List<String> expected = IntStream.range(0, 100).mapToObj((i) -> "job-" + i).toList();
				expected.forEach((job) -> template.convertAndSend("jobs", job));
				ConcurrentListener listener = context.getBean(ConcurrentListener.class);
				await().atMost(TIMEOUT).until(() -> listener.received.size() >= expected.size());
				assertThat(listener.received).containsExactlyInAnyOrderElementsOf(expected);
				assertThat(listener.threads).hasSize(4)
					.allSatisfy((thread) -> assertThat(thread).startsWith("zmq-listener-parallel-"));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoSidedListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "east", type = "PULL", endpoints = "@${east}")
		@ZmqListener(id = "west", type = "PULL", endpoints = "@${west}")
		void on(@Header(ZmqHeaders.LISTENER_ID) String listenerId, String message) {
			this.received.add(listenerId + ":" + message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "${jobs.id}", type = "${jobs.type:PULL}", endpoints = "@${jobs.endpoint}",
				concurrency = "${jobs.workers}")
		void on(String job) {
			this.received.add(job);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcurrentListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		/** Holds the first handlers until four run at once, so that four threads must take part. */
		private final CountDownLatch allBusy = new CountDownLatch(4);

		@ZmqListener(id = "parallel", type = "PULL", endpoints = "@${jobs}", concurrency = "4")
		void on(String job) throws InterruptedException {
			this.threads.add(Thread.currentThread().getName());
			this.allBusy.countDown();
			this.allBusy.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			this.received.add(job);
		}

	}

}

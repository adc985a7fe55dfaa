package io.zmqspring.patterns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.Handshakes;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PUSH/PULL end to end: fan-out from one template PUSH socket to several PULL listeners, and
 * fan-in from several template PUSH sockets to one PULL listener.
 */
class PipelinePatternTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void fanOutDeliversEveryMessageExactlyOnceAcrossWorkers(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(Workers.class)
			.withPropertyValues("work=" + endpoint, "zmq.sockets.work.type=PUSH",
					"zmq.sockets.work.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				Workers workers = context.getBean(Workers.class);
				AtomicInteger sent = new AtomicInteger();
				// The PUSH binds: JeroMQ 0.6.0 gives a worker's connection its share before the
				// handshake, and what it sends into a connection whose connect JeroMQ then stalls is
				// lost with it; so it sends once each worker's greeting arrived
				Handshakes.awaitGreeted(context, transport, "work", 3);
				// Workers connect asynchronously: keep feeding until every worker has taken a job
				await().atMost(TIMEOUT).untilAsserted(() -> {
					template.convertAndSend("work", "job-" + sent.getAndIncrement());
					assertThat(workers.byWorker).containsOnlyKeys("a", "b", "c");
				});
				for (int i = 0; i < 60; i++) {
					template.convertAndSend("work", "job-" + sent.getAndIncrement());
				}
				List<String> expected = IntStream.range(0, sent.get()).mapToObj((i) -> "job-" + i).toList();
				await().atMost(TIMEOUT).until(() -> workers.all().size() >= expected.size());
				assertThat(workers.all()).containsExactlyInAnyOrderElementsOf(expected);
				assertThat(workers.byWorker.values()).allSatisfy((jobs) -> assertThat(jobs).isNotEmpty());
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void fanInCollectsEveryMessageFromEveryPusherInPusherOrder(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(Sink.class)
			.withPropertyValues("sink=" + endpoint, "zmq.sockets.p1.type=PUSH", "zmq.sockets.p1.endpoints=>" + endpoint,
					"zmq.sockets.p2.type=PUSH", "zmq.sockets.p2.endpoints=>" + endpoint, "zmq.sockets.p3.type=PUSH",
					"zmq.sockets.p3.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				Sink sink = context.getBean(Sink.class);
				List<String> pushers = List.of("p1", "p2", "p3");
				List<String> expected = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					for (String pusher : pushers) {
						template.convertAndSend(pusher, pusher + "-" + i);
						expected.add(pusher + "-" + i);
					}
				}
				await().atMost(TIMEOUT).until(() -> sink.received.size() >= expected.size());
				assertThat(sink.received).containsExactlyInAnyOrderElementsOf(expected);
				for (String pusher : pushers) {
					assertThat(sink.received).filteredOn((message) -> message.startsWith(pusher + "-"))
						.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> pusher + "-" + i).toList());
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		final Map<String, List<String>> byWorker = new ConcurrentHashMap<>();

		@ZmqListener(type = "PULL", endpoints = ">${work}")
		void workerA(String job) {
			take("a", job);
		}

		@ZmqListener(type = "PULL", endpoints = ">${work}")
		void workerB(String job) {
			take("b", job);
		}

		@ZmqListener(type = "PULL", endpoints = ">${work}")
		void workerC(String job) {
			take("c", job);
		}

		private void take(String worker, String job) {
			this.byWorker.computeIfAbsent(worker, (key) -> new CopyOnWriteArrayList<>()).add(job);
		}

		List<String> all() {
			return this.byWorker.values().stream().flatMap(List::stream).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Sink {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "PULL", endpoints = "@${sink}")
		void collect(String message) {
			this.received.add(message);
		}

	}

}

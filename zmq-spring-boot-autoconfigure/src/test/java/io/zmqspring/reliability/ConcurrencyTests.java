package io.zmqspring.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads share one {@link ZmqTemplate}: nothing is lost, duplicated or mixed up.
 */
class ConcurrencyTests {

	private static final int SENDERS = 8;

	private static final int MESSAGES_PER_SENDER = 10_000;

	private static final int REQUESTERS = 16;

	private static final int REQUESTS_PER_REQUESTER = 100;

	private static final int ASYNC_REQUESTS = 1_000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.defaults.linger=200ms");

	@Test
	void messagesFromEightThreadsArriveExactlyOnce() {
		String pipe = FreePorts.tcp();
		this.runner.withUserConfiguration(CountingPullListener.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe,
					"zmq.sockets.out.send-timeout=20s", "zmq.sockets.out.send-hwm=10000",
					"zmq.defaults.receive-hwm=10000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				CountingPullListener listener = context.getBean(CountingPullListener.class);
				runConcurrently(SENDERS, (sender) -> {
					for (int sequence = 0; sequence < MESSAGES_PER_SENDER; sequence++) {
						template.convertAndSend("out", sender + ":" + sequence);
					}
				});
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(listener.total.get()).isGreaterThanOrEqualTo(SENDERS * MESSAGES_PER_SENDER));
				List<String> wrong = new ArrayList<>();
				for (int i = 0; i < listener.seen.length(); i++) {
					if (listener.seen.get(i) != 1) {
						wrong.add((i / MESSAGES_PER_SENDER) + ":" + (i % MESSAGES_PER_SENDER) + " seen "
								+ listener.seen.get(i) + " times");
					}
				}
				assertThat(wrong).isEmpty();
				assertThat(listener.total.get()).isEqualTo(SENDERS * MESSAGES_PER_SENDER);
			});
	}

	@Test
	void sixteenThreadsGetTheRepliesToTheirOwnRequests() {
		assertRepliesMatchRequests("1");
	}

	@Test
	void sixteenThreadsGetTheRepliesToTheirOwnRequestsFromAConcurrentListener() {
		assertRepliesMatchRequests("4");
	}

	private void assertRepliesMatchRequests(String concurrency) {
		String rpc = FreePorts.tcp();
		this.runner.withUserConfiguration(EchoRepListener.class)
			.withPropertyValues("rpc=" + rpc, "rep.concurrency=" + concurrency, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + rpc, "zmq.template.reply-timeout=20s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				AtomicInteger matched = new AtomicInteger();
				runConcurrently(REQUESTERS, (requester) -> {
					for (int i = 0; i < REQUESTS_PER_REQUESTER; i++) {
						String request = requester + ":" + i;
						String reply = template.convertSendAndReceive("client", request, String.class);
						assertThat(reply).isEqualTo("re:" + request);
						matched.incrementAndGet();
					}
				});
				assertThat(matched).hasValue(REQUESTERS * REQUESTS_PER_REQUESTER);
			});
	}

	@Test
	void aThousandAsyncRequestsInFlightAllCompleteWithTheirReplies() {
		String rpc = FreePorts.tcp();
		this.runner.withUserConfiguration(EchoRepListener.class)
			.withPropertyValues("rpc=" + rpc, "zmq.sockets.client.type=DEALER", "zmq.sockets.client.endpoints=>" + rpc,
					"zmq.template.reply-timeout=30s", "zmq.template.send-queue-capacity=2000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				List<CompletableFuture<byte[]>> replies = new ArrayList<>(ASYNC_REQUESTS);
				for (int i = 0; i < ASYNC_REQUESTS; i++) {
					replies.add(template.sendAndReceiveAsync("client", bytes("async:" + i)));
				}
				CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
				for (int i = 0; i < ASYNC_REQUESTS; i++) {
					assertThat(new String(replies.get(i).join(), StandardCharsets.UTF_8)).isEqualTo("re:async:" + i);
				}
			});
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void runConcurrently(int threads, ThrowingIntConsumer task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Object>> futures = IntStream.range(0, threads)
				.mapToObj((index) -> executor.<Object>submit(() -> {
					task.accept(index);
					return null;
				}))
				.toList();
			for (Future<Object> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@FunctionalInterface
	interface ThrowingIntConsumer {

		void accept(int value) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingPullListener {

		final AtomicIntegerArray seen = new AtomicIntegerArray(SENDERS * MESSAGES_PER_SENDER);

		final AtomicInteger total = new AtomicInteger();

		@ZmqListener(type = "PULL", endpoints = "@${pipe}")
		void receive(String message) {
			int colon = message.indexOf(':');
			int sender = Integer.parseInt(message, 0, colon, 10);
			int sequence = Integer.parseInt(message, colon + 1, message.length(), 10);
			this.seen.incrementAndGet(sender * MESSAGES_PER_SENDER + sequence);
			this.total.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoRepListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}", concurrency = "${rep.concurrency:1}")
		String reply(String request) {
			return "re:" + request;
		}

	}

}

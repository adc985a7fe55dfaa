package io.zmqspring.patterns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.SendTo;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * REP and ROUTER listeners that return a {@code CompletableFuture} or a {@code Mono}, over tcp:
 * the reply goes out when it completes, no handler thread waits for it, a failed one answers
 * with the error reply and one that never completes with the timeout's error reply.
 */
class AsyncReplyTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(ForwardingTests.Metrics.class)
		.withPropertyValues("zmq.defaults.linger=200ms", "zmq.template.reply-timeout=20s");

	private ApplicationContextRunner server(Class<?> listener, String clientType) {
		String rpc = FreePorts.tcp();
		return this.runner.withUserConfiguration(listener)
			.withPropertyValues("rpc=" + rpc, "zmq.sockets.client.type=" + clientType,
					"zmq.sockets.client.endpoints=>" + rpc);
	}

	@Test
	void repListenerServesTheNextRequestsWhileEarlierRepliesArePending() {
		// One handler thread: if it waited for a future, the second request would never be handled
		server(HeldRepListener.class, "REQ").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			HeldRepListener listener = context.getBean(HeldRepListener.class);
			List<CompletableFuture<byte[]>> replies = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				replies.add(template.sendAndReceiveAsync("client", bytes("r" + i)));
			}
			await().atMost(TIMEOUT).until(() -> listener.held.size() == 5);
			assertThat(replies).noneMatch(CompletableFuture::isDone);
			listener.held.forEach((request, future) -> future.complete("done:" + request));
			for (int i = 0; i < 5; i++) {
				assertThat(text(replies.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("done:r" + i);
			}
		});
	}

	@Test
	void stoppingTheListenerWaitsForAPendingReplyWithinTheStopTimeout() {
		server(HeldRepListener.class, "REQ").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			HeldRepListener listener = context.getBean(HeldRepListener.class);
			CompletableFuture<byte[]> reply = template.sendAndReceiveAsync("client", bytes("last"));
			await().atMost(TIMEOUT).until(() -> listener.held.containsKey("last"));
			ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
				.getListenerContainers()
				.iterator()
				.next();
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(container::stop);
			await().atMost(TIMEOUT).until(() -> !container.isRunning());
			assertThat(stopped).isNotDone();
			listener.held.get("last").complete("done:last");
			assertThat(text(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("done:last");
			stopped.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		});
	}

	@Test
	void routerListenerRepliesWhenItsFutureCompletesOnAnotherThread() {
		server(AsyncRouterListener.class, "DEALER").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.convertSendAndReceive("client", "ping", String.class)).isEqualTo("pong:ping");
			assertThat(context.getBean(AsyncRouterListener.class).completedOn).singleElement()
				.satisfies((thread) -> assertThat(thread).doesNotStartWith("zmq-"));
		});
	}

	@Test
	void monoReturnValueIsTheReply() {
		server(MonoRepListener.class, "REQ").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.convertSendAndReceive("client", "hello", String.class)).isEqualTo("mono:hello");
		});
	}

	@Test
	void failedFutureAnswersWithTheErrorReplyAndIsCountedAsAHandlerError() {
		server(FailingFutureListener.class, "REQ").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.convertSendAndReceive("client", "boom", String.class))
				.satisfies((ex) -> assertThat(ex.getRemoteReason()).isEqualTo("handler: IllegalStateException"));
			assertThat(template.convertSendAndReceive("client", "fine", String.class)).isEqualTo("ok:fine");
			assertThat(errors(context.getBean(MeterRegistry.class), "handler")).isEqualTo(1);
		});
	}

	@Test
	void futureThatNeverCompletesAnswersWithTheTimeoutErrorReplyAfterTheAsyncReplyTimeout() {
		server(NeverCompletingListener.class, "REQ").withPropertyValues("zmq.listener.async-reply-timeout=300ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.convertSendAndReceive("client", "hang", String.class))
					.satisfies((ex) -> assertThat(ex.getRemoteReason()).isEqualTo("timeout: TimeoutException"));
				assertThat(errors(context.getBean(MeterRegistry.class), "timeout")).isEqualTo(1);
				assertThat(template.convertSendAndReceive("client", "fine", String.class)).isEqualTo("ok:fine");
			});
	}

	@Test
	void monoThatNeverCompletesTimesOutAfterTheListenersOwnTimeoutAndIsCancelled() {
		server(NeverCompletingMonoListener.class, "REQ").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.convertSendAndReceive("client", "hang", String.class))
				.satisfies((ex) -> assertThat(ex.getRemoteReason()).isEqualTo("timeout: TimeoutException"));
			await().atMost(TIMEOUT).untilTrue(context.getBean(NeverCompletingMonoListener.class).cancelled);
		});
	}

	@Test
	void forwardedFutureIsSentWhenItCompletes() {
		String tasks = FreePorts.tcp();
		String results = FreePorts.tcp();
		this.runner.withUserConfiguration(AsyncForwarder.class, ForwardingTests.Sink.class)
			.withPropertyValues("tasks=" + tasks, "results=" + results, "zmq.sockets.tasks.type=PUSH",
					"zmq.sockets.tasks.endpoints=>" + tasks, "zmq.sockets.results.type=PUSH",
					"zmq.sockets.results.endpoints=>" + results)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				AsyncForwarder forwarder = context.getBean(AsyncForwarder.class);
				template.convertAndSend("tasks", "a");
				template.convertAndSend("tasks", "b");
				await().atMost(TIMEOUT).until(() -> forwarder.held.size() == 2);
				ForwardingTests.Sink sink = context.getBean(ForwardingTests.Sink.class);
				assertThat(sink.received).isEmpty();
				forwarder.held.get("b").complete("later:b");
				await().atMost(TIMEOUT).until(() -> sink.received.contains("later:b"));
				forwarder.held.get("a").complete("later:a");
				await().atMost(TIMEOUT).until(() -> sink.received.size() == 2);
				assertThat(sink.received).containsExactly("later:b", "later:a");
			});
	}

	private static double errors(MeterRegistry meters, String kind) {
		return meters.get("zmq.listener.errors").tag("kind", kind).counter().count();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class HeldRepListener {

		final Map<String, CompletableFuture<String>> held = new ConcurrentHashMap<>();

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		CompletableFuture<String> reply(String request) {
			CompletableFuture<String> reply = new CompletableFuture<>();
			this.held.put(request, reply);
			return reply;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncRouterListener {

		final List<String> completedOn = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "ROUTER", endpoints = "@${rpc}")
		CompletableFuture<String> reply(String request) {
			return CompletableFuture.supplyAsync(() -> {
				this.completedOn.add(Thread.currentThread().getName());
				return "pong:" + request;
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MonoRepListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		Mono<String> reply(String request) {
			return Mono.fromCallable(() -> "mono:" + request).subscribeOn(reactor.core.scheduler.Schedulers.parallel());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingFutureListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		CompletableFuture<String> reply(String request) {
			if (request.equals("boom")) {
				return CompletableFuture.supplyAsync(() -> {
					throw new IllegalStateException("secret detail");
				});
			}
			return CompletableFuture.supplyAsync(() -> "ok:" + request);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeverCompletingListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		CompletableFuture<String> reply(String request) {
			return request.equals("hang") ? new CompletableFuture<>()
					: CompletableFuture.completedFuture("ok:" + request);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeverCompletingMonoListener {

		final AtomicBoolean cancelled = new AtomicBoolean();

		@ZmqListener(type = "REP", endpoints = "@${rpc}", asyncReplyTimeout = "${hang.timeout:300ms}")
		Mono<String> reply(String request) {
			return Sinks.<String>one().asMono().doOnCancel(() -> this.cancelled.set(true));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncForwarder {

		final Map<String, CompletableFuture<String>> held = new ConcurrentHashMap<>();

		@ZmqListener(id = "forwarder", type = "PULL", endpoints = "@${tasks}")
		@SendTo("results")
		CompletableFuture<String> forward(String task) {
			CompletableFuture<String> result = new CompletableFuture<>();
			this.held.put(task, result);
			return result;
		}

	}

}

package io.zmqspring.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketCustomizer;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener containers stop and start by id without losing what they were given.
 * <p>
 * PUSH/PULL over tcp is at-most-once across a disconnect: a message the sender writes before it
 * has noticed that the stopped listener closed the connection is lost in flight. So the tests
 * wait for the sending socket's disconnect event (through a socket monitor) before they send
 * "while stopped".
 */
class ListenerLifecycleTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.defaults.linger=500ms", "zmq.defaults.reconnect-interval=50ms",
				"zmq.defaults.reconnect-interval-max=200ms");

	@Test
	void stoppedContainerDoesNotConsumeUntilStartedAgain() {
		String pipe = FreePorts.tcp();
		this.runner.withUserConfiguration(PullListener.class, SenderMonitor.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PullListener listener = context.getBean(PullListener.class);
				SenderMonitor sender = context.getBean(SenderMonitor.class);
				ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("pull");
				assertThat(container).isNotNull();
				template.convertAndSend("out", "before");
				await().atMost(WAIT).untilAsserted(() -> assertThat(listener.received).containsExactly("before"));
				container.stop();
				assertThat(container.isRunning()).isFalse();
				sender.awaitDisconnects(1);
				template.convertAndSend("out", "while-stopped");
				await().during(Duration.ofMillis(500))
					.atMost(WAIT)
					.untilAsserted(() -> assertThat(listener.received).containsExactly("before"));
				container.start();
				assertThat(container.isRunning()).isTrue();
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(listener.received).containsExactly("before", "while-stopped"));
			});
	}

	@Test
	void containerCanBeStartedStoppedAndStartedAgain() {
		String pipe = FreePorts.tcp();
		this.runner.withUserConfiguration(PullListener.class, SenderMonitor.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PullListener listener = context.getBean(PullListener.class);
				SenderMonitor sender = context.getBean(SenderMonitor.class);
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				ZmqListenerContainer container = registry.getListenerContainer("pull");
				for (int cycle = 0; cycle < 3; cycle++) {
					String message = "cycle-" + cycle;
					assertThat(container.isRunning()).isTrue();
					template.convertAndSend("out", message);
					await().atMost(WAIT).untilAsserted(() -> assertThat(listener.received).contains(message));
					container.stop();
					assertThat(container.isRunning()).isFalse();
					assertThat(container.getActualEndpoints()).isEmpty();
					sender.awaitDisconnects(cycle + 1);
					container.start();
				}
				assertThat(listener.received).containsExactly("cycle-0", "cycle-1", "cycle-2");
			});
	}

	@Test
	void listenerWithoutAutoStartupRunsOnlyOnceStarted() {
		String pipe = FreePorts.tcp();
		this.runner.withUserConfiguration(LazyPullListener.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				LazyPullListener listener = context.getBean(LazyPullListener.class);
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				ZmqListenerContainer container = registry.getListenerContainer("lazy");
				assertThat(registry.isRunning()).isTrue();
				assertThat(container.isRunning()).isFalse();
				assertThat(container.getActualEndpoints()).isEmpty();
				template.convertAndSend("out", "early");
				await().during(Duration.ofMillis(300))
					.atMost(WAIT)
					.untilAsserted(() -> assertThat(listener.received).isEmpty());
				container.start();
				assertThat(container.isRunning()).isTrue();
				await().atMost(WAIT).untilAsserted(() -> assertThat(listener.received).containsExactly("early"));
			});
	}

	@Test
	void stopLetsTheMessageInHandFinishAndHandlesWhatTheSocketAlreadyReceived() {
		String pipe = FreePorts.tcp();
		this.runner.withUserConfiguration(BlockingPullListener.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe,
					"zmq.defaults.linger=2s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				BlockingPullListener listener = context.getBean(BlockingPullListener.class);
				ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("blocking");
				template.convertAndSend("out", "block");
				List<String> queued = List.of("m1", "m2", "m3", "m4", "m5");
				queued.forEach((message) -> template.convertAndSend("out", message));
				assertThat(listener.entered.await(15, TimeUnit.SECONDS)).isTrue();
				CompletableFuture<Void> stopping = CompletableFuture.runAsync(container::stop);
				await().atMost(WAIT).until(() -> !container.isRunning());
				await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !stopping.isDone());
				assertThat(listener.received).isEmpty();
				listener.release.countDown();
				stopping.get(15, TimeUnit.SECONDS);
				assertThat(listener.received).containsExactly("block", "m1", "m2", "m3", "m4", "m5");
			});
	}

	/**
	 * Counts the disconnects the template's "out" socket notices, through a ZeroMQ socket monitor.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SenderMonitor {

		private static final AtomicInteger counter = new AtomicInteger();

		final AtomicInteger disconnects = new AtomicInteger();

		@Bean
		ZmqSocketCustomizer senderMonitorCustomizer(ZContext zmqContext) {
			return (definition, socket) -> {
				if (!definition.name().equals("out")) {
					return;
				}
				String address = "inproc://lifecycle-monitor-" + counter.incrementAndGet();
				socket.monitor(address, ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_MONITOR_STOPPED);
				ZMQ.Socket events = zmqContext.getContext().socket(SocketType.PAIR);
				events.connect(address);
				Thread reader = new Thread(() -> {
					try {
						ZMQ.Event event;
						while ((event = ZMQ.Event.recv(events)) != null
								&& event.getEvent() != ZMQ.EVENT_MONITOR_STOPPED) {
							if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
								this.disconnects.incrementAndGet();
							}
						}
					}
					finally {
						events.close();
					}
				}, "zmq-test-monitor-" + definition.name());
				reader.setDaemon(true);
				reader.start();
			};
		}

		void awaitDisconnects(int count) {
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.disconnects).hasValueGreaterThanOrEqualTo(count));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PullListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "pull", type = "PULL", endpoints = "@${pipe}")
		void receive(String message) {
			this.received.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyPullListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "lazy", type = "PULL", endpoints = "@${pipe}", autoStartup = "false")
		void receive(String message) {
			this.received.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingPullListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@ZmqListener(id = "blocking", type = "PULL", endpoints = "@${pipe}")
		void receive(String message) throws InterruptedException {
			if (message.equals("block")) {
				this.entered.countDown();
				assertThat(this.release.await(20, TimeUnit.SECONDS)).isTrue();
			}
			this.received.add(message);
		}

	}

}

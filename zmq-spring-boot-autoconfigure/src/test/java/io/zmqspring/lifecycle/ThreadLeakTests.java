package io.zmqspring.lifecycle;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * Starting and stopping applications over and over leaves no thread and no file descriptor behind.
 */
class ThreadLeakTests {

	private static final int CYCLES = 50;

	private static final List<String> ZMQ_THREAD_PREFIXES = List.of("zmq-", "reaper-", "iothread-");

	@Test
	void fiftyStartStopCyclesLeaveNoThreadOrFileDescriptorBehind() {
		runOnce();
		Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
		int descriptorsBefore = openDescriptors();
		for (int cycle = 0; cycle < CYCLES; cycle++) {
			runOnce();
		}
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(newZmqThreads(threadsBefore)).as("ZeroMQ threads left running").isEmpty());
		if (descriptorsBefore >= 0) {
			// Each cycle opens several selectors, pipes and tcp sockets: a leak shows as hundreds
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(openDescriptors()).as("open file descriptors")
					.isLessThan(descriptorsBefore + 20));
		}
	}

	private static void runOnce() {
		String pipe = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(PullListener.class)
			.withPropertyValues("pipe=" + pipe, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + pipe,
					"zmq.defaults.linger=100ms", "zmq.defaults.reconnect-interval=10ms",
					// of fifty-one fresh connects a few stall before their handshake: retry them quickly
					"zmq.sockets.out.handshake-interval=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class).convertAndSend("out", "ping");
				PullListener listener = context.getBean(PullListener.class);
				await().pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(5))
					.atMost(Duration.ofSeconds(10))
					.until(() -> listener.received.contains("ping"));
			});
	}

	private static List<String> newZmqThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.filter((name) -> ZMQ_THREAD_PREFIXES.stream().anyMatch(name::startsWith))
			.sorted()
			.toList();
	}

	/** The number of open file descriptors, or -1 where /proc/self/fd does not exist. */
	private static int openDescriptors() {
		String[] names = new File("/proc/self/fd").list();
		return (names != null) ? names.length : -1;
	}

	@Configuration(proxyBeanMethods = false)
	static class PullListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "PULL", endpoints = "@${pipe}")
		void receive(String message) {
			this.received.add(message);
		}

	}

}

package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Shutdown is bounded in every case: a handler that never returns cannot hold it past the stop
 * timeout plus the shutdown timeout, and sockets close in parallel under one deadline.
 */
class BoundedShutdownTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@ParameterizedTest(name = "concurrency {0}")
	@ValueSource(strings = { "1", "3" })
	void hungHandlerCannotHoldShutdownPastTheStopAndShutdownTimeouts(String concurrency) {
		String endpoint = FreePorts.tcp();
		HungListener.release = new CountDownLatch(1);
		HungListener.entered = new CountDownLatch(1);
		try {
			this.runner.withUserConfiguration(HungListener.class)
				.withPropertyValues("pull=" + endpoint, "workers=" + concurrency, "zmq.listener.stop-timeout=500ms",
						"zmq.context.shutdown-timeout=1s", "zmq.sockets.out.type=PUSH",
						"zmq.sockets.out.endpoints=>" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(ZmqTemplate.class).send("out", "hang".getBytes(StandardCharsets.UTF_8));
					await().atMost(TIMEOUT).until(() -> HungListener.entered.getCount() == 0);
					long started = System.nanoTime();
					assertTimeoutPreemptively(Duration.ofSeconds(10),
							() -> ((ConfigurableApplicationContext) context.getSourceApplicationContext()).close());
					// stop timeout 0.5 s + shutdown timeout 1 s, with room for a busy machine
					assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
				});
		}
		finally {
			HungListener.release.countDown();
		}
	}

	@Test
	void socketsWithUndeliverableMessagesCloseInParallelUnderOneDeadline() {
		ApplicationContextRunner withSockets = this.runner.withPropertyValues("zmq.defaults.linger=1s",
				"zmq.context.shutdown-timeout=1s", "zmq.defaults.send-hwm=1");
		for (int i = 0; i < 6; i++) {
			withSockets = withSockets.withPropertyValues("zmq.sockets.dead" + i + ".type=PUSH",
					"zmq.sockets.dead" + i + ".endpoints=>" + FreePorts.tcp());
		}
		withSockets.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			for (int i = 0; i < 6; i++) {
				for (int j = 0; j < 5; j++) {
					template.send("dead" + i, new byte[] { (byte) j });
				}
			}
			long started = System.nanoTime();
			((ConfigurableApplicationContext) context.getSourceApplicationContext()).close();
			// Six sockets lingering one second each, in parallel: about one second, not six
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class HungListener {

		static volatile CountDownLatch release = new CountDownLatch(0);

		static volatile CountDownLatch entered = new CountDownLatch(0);

		@ZmqListener(type = "PULL", endpoints = "@${pull}", concurrency = "${workers}")
		void receive(String message) throws InterruptedException {
			entered.countDown();
			release.await();
		}

	}

}

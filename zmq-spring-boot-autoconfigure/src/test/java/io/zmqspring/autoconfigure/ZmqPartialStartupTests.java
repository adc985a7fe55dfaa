package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.core.ZmqBindException;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When startup fails on a bind, what was already opened is closed again: no socket thread keeps
 * running and no port stays bound.
 */
class ZmqPartialStartupTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void templateSocketOpenedBeforeABindFailureIsClosed() throws IOException {
		String free = FreePorts.tcp();
		try (ServerSocket occupied = occupy()) {
			this.runner
				.withPropertyValues("zmq.sockets.first.type=PUSH", "zmq.sockets.first.endpoints=@" + free,
						"zmq.sockets.second.type=PUSH", "zmq.sockets.second.endpoints=@" + address(occupied))
				.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("Socket 'second' could not bind"));
			assertSocketClosed("zmq-socket-first", free);
		}
	}

	@Test
	void listenerSocketOpenedBeforeABindFailureIsClosed() throws IOException {
		String free = FreePorts.tcp();
		try (ServerSocket occupied = occupy()) {
			this.runner.withUserConfiguration(TwoListeners.class)
				.withPropertyValues("first=" + free, "second=" + address(occupied))
				.run((context) -> assertThat(context).getFailure().hasCauseInstanceOf(ZmqBindException.class));
			assertSocketClosed("zmq-socket-first", free);
		}
	}

	@Test
	void templateSocketIsClosedWhenAListenerFailsToBind() throws IOException {
		String free = FreePorts.tcp();
		try (ServerSocket occupied = occupy()) {
			this.runner.withUserConfiguration(TwoListeners.class)
				.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=@" + free,
						"first=" + FreePorts.tcp(), "second=" + address(occupied))
				.run((context) -> assertThat(context).hasFailed());
			assertSocketClosed("zmq-socket-out", free);
		}
	}

	private static ServerSocket occupy() throws IOException {
		return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
	}

	private static String address(ServerSocket occupied) {
		return "tcp://127.0.0.1:" + occupied.getLocalPort();
	}

	private static void assertSocketClosed(String threadName, String endpoint) throws IOException {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().equals(threadName)));
		int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
		try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(rebound.getLocalPort()).isEqualTo(port);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListeners {

		@ZmqListener(id = "first", type = "PULL", endpoints = "@${first}")
		void first(byte[] message) {
		}

		@ZmqListener(id = "second", type = "PULL", endpoints = "@${second}")
		void second(byte[] message) {
		}

	}

}

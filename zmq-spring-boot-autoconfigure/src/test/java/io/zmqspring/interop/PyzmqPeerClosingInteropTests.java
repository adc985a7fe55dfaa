package io.zmqspring.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketCustomizer;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A pyzmq server that replies and closes at once: the reply must still reach the caller. With
 * {@code zmq.defaults.immediate=false} (ZeroMQ's default) a dropped connection keeps its pipe, so
 * messages that already arrived stay readable.
 * <p>
 * The test pins down the one ordering where a lost pipe would show: the template's socket thread
 * is held (inside {@link ZmqMetrics#replyTimeout}, right after it found no reply to read) while
 * the reply arrives and JeroMQ handles the disconnect, as a monitor on the socket reports; only
 * then is the thread let go.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqPeerClosingInteropTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void replyArrivingJustBeforeAPyzmqServerClosesIsDelivered() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer server = PyzmqPeer.startReady("router_reply_and_close.py", endpoint)) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
				.withUserConfiguration(Hooks.class)
						.withPropertyValues("zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ParkingMetrics metrics = context.getBean(ParkingMetrics.class);
					SocketMonitor monitor = context.getBean(SocketMonitor.class);
					try {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						CompletableFuture<List<byte[]>> answered = template.sendAndReceiveAsync("client",
								List.of(bytes("answered")), WAIT);
						server.awaitLine("RECEIVED");
						template.sendAndReceiveAsync("client", List.of(bytes("expires")), Duration.ofMillis(200));
						assertThat(metrics.parked.await(WAIT.toSeconds(), TimeUnit.SECONDS))
							.as("the socket thread reached the expiry of the short request")
							.isTrue();
						monitor.drain();
						server.tell("GO");
						server.awaitLine("REPLIED");
						server.awaitSuccess();
						monitor.await(ZMQ.EVENT_DISCONNECTED);
						monitor.await(ZMQ.EVENT_CONNECT_RETRIED);
						metrics.release.countDown();
						assertThat(answered).succeedsWithin(WAIT)
							.extracting((frames) -> text(frames.get(frames.size() - 1)))
							.isEqualTo("re:answered");
					}
					finally {
						metrics.release.countDown();
						monitor.close();
					}
				});
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class Hooks {

		@Bean
		ParkingMetrics parkingMetrics() {
			return new ParkingMetrics();
		}

		@Bean
		SocketMonitor socketMonitor(ZContext context) {
			return new SocketMonitor(context, "client");
		}

	}

	/** Holds the template's socket thread on its first reply timeout until released. */
	static final class ParkingMetrics implements ZmqMetrics {

		final CountDownLatch parked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void replyTimeout(String socket) {
			this.parked.countDown();
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** Reports connection events of one socket through a JeroMQ monitor. */
	static final class SocketMonitor implements ZmqSocketCustomizer {

		private final ZContext context;

		private final String socketName;

		private final String address = "inproc://interop-monitor-" + System.nanoTime();

		private ZMQ.Socket events;

		SocketMonitor(ZContext context, String socketName) {
			this.context = context;
			this.socketName = socketName;
		}

		@Override
		public void customize(ZmqSocketDefinition definition, ZMQ.Socket socket) {
			if (definition.name().equals(this.socketName)) {
				socket.monitor(this.address, ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CONNECT_RETRIED);
				this.events = this.context.createSocket(SocketType.PAIR);
				this.events.setReceiveTimeOut((int) WAIT.toMillis());
				this.events.connect(this.address);
			}
		}

		/** Forget the events reported so far. */
		void drain() {
			while (ZMQ.Event.recv(this.events, ZMQ.DONTWAIT) != null) {
				// earlier connection attempts
			}
		}

		/** Wait for an event, skipping others. */
		void await(int event) {
			while (true) {
				ZMQ.Event received = ZMQ.Event.recv(this.events);
				if (received == null) {
					fail("No monitor event %d on socket %s within %s", event, this.socketName, WAIT);
				}
				if (received.getEvent() == event) {
					return;
				}
			}
		}

		void close() {
			if (this.events != null) {
				this.events.setLinger(0);
				this.context.destroySocket(this.events);
			}
		}

	}

}

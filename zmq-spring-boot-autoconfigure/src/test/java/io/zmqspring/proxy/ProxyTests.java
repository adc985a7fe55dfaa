package io.zmqspring.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketCustomizer;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proxies run with the application, can be paused, resumed, stopped and started by name, outlive
 * a backend that goes away, copy their traffic to a capture socket and are counted. The peers are
 * JeroMQ sockets of the test's own context, used by the test's thread only.
 * <p>
 * The peers that receive bind and the proxy's sending sockets connect: JeroMQ 0.6.0 gives a bound
 * socket's connection its pipe when TCP accepts it, before the handshake, so what a bound PUSH
 * sends to a peer whose connect then stalls (zeromq/jeromq#1022) is lost with that connection;
 * a connecting PUSH keeps its messages in its pipe across the reconnect.
 */
class ProxyTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ZContext peers = new ZContext();

	private final String frontend = FreePorts.tcp();

	private final String backend = FreePorts.tcp();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.proxies.relay.frontend.type=PULL", "zmq.proxies.relay.frontend.endpoints=@" + this.frontend,
				"zmq.proxies.relay.backend.type=PUSH", "zmq.proxies.relay.backend.endpoints=>" + this.backend,
				"zmq.proxies.relay.backend.handshake-interval=1s");

	@AfterEach
	void closePeers() {
		this.peers.close();
	}

	@Test
	void pausedProxyHoldsMessagesUntilItIsResumed() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqProxyRegistry registry = context.getBean(ZmqProxyRegistry.class);
			ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
			ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
			producer.send("first");
			assertThat(receive(consumer, TIMEOUT)).isEqualTo("first");
			registry.pause("relay");
			assertThat(registry.getProxy("relay").getState()).isEqualTo(ZmqProxy.State.PAUSED);
			for (int i = 0; i < 5; i++) {
				producer.send("held-" + i);
			}
			assertThat(receive(consumer, Duration.ofMillis(300))).as("nothing passes a paused proxy").isNull();
			registry.resume("relay");
			List<String> received = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				received.add(receive(consumer, TIMEOUT));
			}
			assertThat(received).containsExactly("held-0", "held-1", "held-2", "held-3", "held-4");
			assertThat(registry.getProxy("relay").getState()).isEqualTo(ZmqProxy.State.RUNNING);
		});
	}

	@Test
	void proxyStoppedByNameEndsItsThreadAndForwardsAgainOnceStarted() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqProxyRegistry registry = context.getBean(ZmqProxyRegistry.class);
			registry.stop("relay");
			assertThat(registry.getProxy("relay").getState()).isEqualTo(ZmqProxy.State.STOPPED);
			assertThat(threadRuns("zmq-proxy-relay")).isFalse();
			// JeroMQ releases a closed socket's address on its I/O thread, a moment later
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> registry.start("relay"));
			assertThat(registry.getProxy("relay").getState()).isEqualTo(ZmqProxy.State.RUNNING);
			ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
			ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
			producer.send("after restart");
			assertThat(receive(consumer, TIMEOUT)).isEqualTo("after restart");
		});
	}

	@Test
	void messagesForABackendPeerThatIsNotThereYetAreDeliveredOnceItIsThere() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
			for (int i = 0; i < 10; i++) {
				producer.send("held-" + i);
			}
			ZmqProxy proxy = context.getBean(ZmqProxyRegistry.class).getProxy("relay");
			await().atMost(TIMEOUT).until(() -> proxy.getState() == ZmqProxy.State.RUNNING);
			ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
			List<String> received = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				received.add(receive(consumer, TIMEOUT));
			}
			assertThat(received).containsExactlyElementsOf(
					java.util.stream.IntStream.range(0, 10).mapToObj((i) -> "held-" + i).toList());
			assertThat(proxy.getFailures()).isZero();
			assertThat(proxy.getDropped()).isZero();
		});
	}

	@Test
	void proxyKeepsWhatComesWhileItsBackendPeerIsGoneAndDeliversItOnceThePeerReturns() {
		String monitor = "inproc://relay-backend-monitor";
		this.runner.withBean(ZmqSocketCustomizer.class, () -> (definition, socket) -> {
			if (definition.name().equals("relay-backend")) {
				socket.monitor(monitor, ZMQ.EVENT_DISCONNECTED);
			}
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			ZMQ.Socket events = context.getBean(ZContext.class).createSocket(SocketType.PAIR);
			events.connect(monitor);
			ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
			ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
			producer.send("before");
			assertThat(receive(consumer, TIMEOUT)).isEqualTo("before");
			// a connect of the proxy's that JeroMQ stalled ended in a disconnect before "before" came
			while (ZMQ.Event.recv(events, ZMQ.DONTWAIT) != null) {
				// not the disconnect this test waits for
			}
			consumer.close();
			events.setReceiveTimeOut((int) TIMEOUT.toMillis());
			ZMQ.Event disconnected = ZMQ.Event.recv(events);
			assertThat(disconnected).as("the backend's peer disconnected").isNotNull();
			assertThat(disconnected.getEvent()).isEqualTo(ZMQ.EVENT_DISCONNECTED);
			for (int i = 0; i < 10; i++) {
				producer.send("while-gone-" + i);
			}
			ZmqProxy proxy = context.getBean(ZmqProxyRegistry.class).getProxy("relay");
			assertThat(proxy.getState()).isEqualTo(ZmqProxy.State.RUNNING);
			// JeroMQ releases the closed peer's port on its I/O thread, a moment later
			ZMQ.Socket returned = await().atMost(TIMEOUT).ignoreExceptions()
				.until(() -> bind(SocketType.PULL, this.backend), (socket) -> true);
			List<String> received = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				received.add(receive(returned, TIMEOUT));
			}
			assertThat(received).containsExactlyElementsOf(
					java.util.stream.IntStream.range(0, 10).mapToObj((i) -> "while-gone-" + i).toList());
			assertThat(proxy.getFailures()).isZero();
			assertThat(proxy.getDropped()).isZero();
			events.close();
		});
	}

	@Test
	void captureSocketGetsACopyOfEveryMessageWithAllItsFrames() {
		String capture = FreePorts.tcp();
		this.runner.withPropertyValues("zmq.proxies.relay.capture.type=PUSH", "zmq.proxies.relay.capture.endpoints=>" + capture)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZMQ.Socket tap = bind(SocketType.PULL, capture);
				ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
				ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
				for (int i = 0; i < 3; i++) {
					producer.sendMore("header-" + i);
					producer.send("body-" + i);
				}
				for (int i = 0; i < 3; i++) {
					assertThat(receiveAll(consumer)).containsExactly("header-" + i, "body-" + i);
					assertThat(receiveAll(tap)).containsExactly("header-" + i, "body-" + i);
				}
			});
	}

	@Test
	void forwardedMessagesAreCountedPerDirectionAsMeters() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasNotFailed();
			ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
			ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
			for (int i = 0; i < 7; i++) {
				producer.send("m" + i);
			}
			for (int i = 0; i < 7; i++) {
				assertThat(receive(consumer, TIMEOUT)).isEqualTo("m" + i);
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("zmq.proxy.messages").tag("proxy", "relay").tag("direction", "frontend-to-backend")
				.functionCounter().count()).isEqualTo(7);
			assertThat(meters.get("zmq.proxy.messages").tag("proxy", "relay").tag("direction", "backend-to-frontend")
				.functionCounter().count()).isZero();
			assertThat(meters.get("zmq.proxy.dropped").tag("proxy", "relay").functionCounter().count()).isZero();
		});
	}

	@Test
	void proxyThreadEndsWhenTheApplicationCloses() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(threadRuns("zmq-proxy-relay")).isTrue();
		});
		await().atMost(TIMEOUT).until(() -> !threadRuns("zmq-proxy-relay"));
	}

	@Test
	void proxyWithAutoStartupOffWaitsToBeStarted() {
		this.runner.withPropertyValues("zmq.proxies.relay.auto-startup=false").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqProxyRegistry registry = context.getBean(ZmqProxyRegistry.class);
			assertThat(registry.getProxy("relay").getState()).isEqualTo(ZmqProxy.State.STOPPED);
			registry.start("relay");
			ZMQ.Socket producer = connect(SocketType.PUSH, this.frontend);
			ZMQ.Socket consumer = bind(SocketType.PULL, this.backend);
			producer.send("started by hand");
			assertThat(receive(consumer, TIMEOUT)).isEqualTo("started by hand");
		});
	}

	private ZMQ.Socket connect(SocketType type, String endpoint) {
		ZMQ.Socket socket = this.peers.createSocket(type);
		socket.setLinger(0);
		// JeroMQ now and then stalls a fresh connect before its handshake; retry it quickly
		socket.setHandshakeIvl(1000);
		socket.setReconnectIVL(50);
		socket.connect(endpoint);
		return socket;
	}

	private ZMQ.Socket bind(SocketType type, String endpoint) {
		ZMQ.Socket socket = this.peers.createSocket(type);
		socket.setLinger(0);
		try {
			socket.bind(endpoint);
		}
		catch (RuntimeException ex) {
			socket.close();
			throw ex;
		}
		return socket;
	}

	private static String receive(ZMQ.Socket socket, Duration timeout) {
		socket.setReceiveTimeOut((int) timeout.toMillis());
		byte[] frame = socket.recv();
		return (frame != null) ? new String(frame, StandardCharsets.UTF_8) : null;
	}

	private static List<String> receiveAll(ZMQ.Socket socket) {
		List<String> frames = new ArrayList<>();
		frames.add(receive(socket, TIMEOUT));
		while (socket.hasReceiveMore()) {
			frames.add(receive(socket, TIMEOUT));
		}
		return frames;
	}

	private static boolean threadRuns(String name) {
		return Thread.getAllStackTraces().keySet().stream().anyMatch((thread) -> thread.getName().equals(name));
	}

}

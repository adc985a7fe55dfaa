package io.zmqspring.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqBindException;
import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.MicrometerZmqMetrics;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Socket and listener container events reach {@code @EventListener} beans, from the events
 * thread, never from a socket's owner thread; a failed handshake and a failed socket are provoked
 * over real tcp connections.
 */
class ZmqEventsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(Sink.class, Collector.class);

	@Test
	void aPeerConnectingAndDisconnectingIsPublished() {
		String endpoint = FreePorts.tcp();
		this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Collector collector = context.getBean(Collector.class);
				try (ZContext peerContext = new ZContext()) {
					ZMQ.Socket peer = pushTo(peerContext, endpoint);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(collector.of(ZmqSocketConnectedEvent.class)).isNotEmpty());
					peerContext.destroySocket(peer);
				}
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(collector.of(ZmqSocketDisconnectedEvent.class)).isNotEmpty());
				ZmqSocketConnectedEvent connected = collector.of(ZmqSocketConnectedEvent.class).get(0);
				assertThat(connected.getSocketName()).isEqualTo("in");
				assertThat(connected.getSocketType()).isEqualTo(ZmqSocketType.PULL);
				assertThat(connected.getAddress()).isNotBlank();
				ZmqSocketDisconnectedEvent disconnected = collector.of(ZmqSocketDisconnectedEvent.class).get(0);
				assertThat(disconnected.getSocketName()).isEqualTo("in");
				assertThat(collector.threads).allMatch("zmq-events"::equals);
			});
	}

	@Test
	void stoppingAndStartingAContainerIsPublished() {
		String endpoint = FreePorts.tcp();
		this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Collector collector = context.getBean(Collector.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(collector.of(ZmqListenerContainerStartedEvent.class)).hasSize(1));
				ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("sink");
				assertThat(container).isNotNull();
				container.stop();
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(collector.of(ZmqListenerContainerStoppedEvent.class)).hasSize(1));
				container.start();
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(collector.of(ZmqListenerContainerStartedEvent.class)).hasSize(2));
				ZmqListenerContainerStoppedEvent stopped = collector.of(ZmqListenerContainerStoppedEvent.class).get(0);
				assertThat(stopped.getListenerId()).isEqualTo("sink");
				assertThat(stopped.getSocketName()).isEqualTo("in");
				assertThat(stopped.getSource()).isSameAs(container);
			});
	}

	@Test
	void aSlowEventListenerDoesNotSlowTheSocket() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(SlowListener.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SlowListener slow = context.getBean(SlowListener.class);
				Sink sink = context.getBean(Sink.class);
				try (ZContext peerContext = new ZContext()) {
					ZMQ.Socket peer = pushTo(peerContext, endpoint);
					// the events thread is now stuck in the slow listener
					assertThat(slow.blocking.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
					for (int i = 0; i < 1000; i++) {
						peer.send(("m" + i).getBytes(StandardCharsets.UTF_8), 0);
					}
					await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.received.get()).isEqualTo(1000));
					assertThat(slow.release.getCount()).isOne();
					slow.release.countDown();
					peerContext.destroySocket(peer);
				}
			});
	}

	@Test
	void anApplicationsOwnPublisherReplacesTheDefaultOne() {
		String endpoint = FreePorts.tcp();
		List<ZmqEvent> handed = new CopyOnWriteArrayList<>();
		this.runner.withBean(ZmqEventPublisher.class, () -> handed::add)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(AsyncZmqEventPublisher.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(handed).hasAtLeastOneElementOfType(
							ZmqListenerContainerStartedEvent.class));
			});
	}

	@Test
	void eventsBeyondTheQueueAreDroppedAndCounted() throws InterruptedException {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		CountDownLatch blocking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger delivered = new AtomicInteger();
		AsyncZmqEventPublisher publisher = new AsyncZmqEventPublisher((event) -> {
			blocking.countDown();
			try {
				release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			delivered.incrementAndGet();
		}, new MicrometerZmqMetrics(meters), 2);
		try {
			publisher.publish(new ZmqSocketConnectedEvent(this, "in", ZmqSocketType.PULL, "tcp://127.0.0.1:1"));
			assertThat(blocking.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				publisher.publish(new ZmqSocketConnectedEvent(this, "in", ZmqSocketType.PULL, "tcp://127.0.0.1:1"));
			}
			assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
			assertThat(publisher.getDroppedCount()).isEqualTo(8);
			assertThat(meters.get("zmq.events.dropped").counter().count()).isEqualTo(8);
			release.countDown();
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(delivered.get()).isEqualTo(3));
		}
		finally {
			release.countDown();
			publisher.destroy();
		}
	}

	@Test
	void aCurveClientWithTheWrongServerKeyIsPublishedAsAFailedHandshake() {
		String endpoint = FreePorts.tcp();
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.withPropertyValues(TestCurve.server("in", server, client.publicKey))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Collector collector = context.getBean(Collector.class);
				try (ZContext peerContext = new ZContext()) {
					ZMQ.Socket peer = peerContext.createSocket(SocketType.PUSH);
					peer.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
					peer.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
					// a server key that is not the server's: the server cannot read the client's hello
					peer.setCurveServerKey(ZMQ.Curve.z85Decode(TestCurve.keyPair().publicKey));
					connect(peer, endpoint);
					peer.send("hello".getBytes(StandardCharsets.UTF_8), ZMQ.DONTWAIT);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(collector.of(ZmqHandshakeFailedEvent.class)).isNotEmpty());
					peerContext.destroySocket(peer);
				}
				ZmqHandshakeFailedEvent failed = collector.of(ZmqHandshakeFailedEvent.class).get(0);
				assertThat(failed.getSocketName()).isEqualTo("in");
				assertThat(failed.getSocketType()).isEqualTo(ZmqSocketType.PULL);
				assertThat(failed.getReason()).isEqualTo("protocol");
				assertThat(failed.getAddress()).isNotBlank();
				assertThat(failed.toString()).doesNotContain(server.secretKey, client.secretKey);
				assertThat(context.getBean(Sink.class).received).hasValue(0);
			});
	}

	@Test
	void aSocketThatFailsIsPublishedWithWhatWentWrong() {
		String endpoint = FreePorts.tcp();
		String fragile = FreePorts.tcp();
		this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Collector collector = context.getBean(Collector.class);
				ZmqSocketDefinition definition = new ZmqSocketDefinition("fragile", ZmqSocketType.PULL,
						List.of(ZmqEndpoint.parse("@" + fragile, true)), List.of(), ZmqSocketOptions.NONE);
				ZmqSocketOwner owner = context.getBean(ZmqSocketFactory.class).getOwners().acquire(definition);
				try {
					owner.attach(new ZmqSocketReceiver() {
						@Override
						public List<byte[]> receive(List<byte[]> frames) {
							throw new IllegalStateException("the socket breaks");
						}
					});
					try (ZContext peerContext = new ZContext()) {
						ZMQ.Socket push = pushTo(peerContext, fragile);
						push.send("fail");
						await().atMost(TIMEOUT)
							.untilAsserted(() -> assertThat(collector.of(ZmqSocketFailedEvent.class)).isNotEmpty());
					}
				}
				finally {
					owner.release();
				}
				ZmqSocketFailedEvent failed = collector.of(ZmqSocketFailedEvent.class).get(0);
				assertThat(failed.getSocketName()).isEqualTo("fragile");
				assertThat(failed.getSocketType()).isEqualTo(ZmqSocketType.PULL);
				assertThat(failed.getSource()).isSameAs(owner);
				assertThat(failed.getFailure()).isInstanceOf(IllegalStateException.class).hasMessage("the socket breaks");
				assertThat(collector.threads).allMatch("zmq-events"::equals);
			});
	}

	@Test
	void aContainerThatCannotStartIsPublishedWithWhatWentWrong() {
		String endpoint = FreePorts.tcp();
		String taken = FreePorts.tcp();
		try (ZContext other = new ZContext()) {
			ZMQ.Socket squatter = other.createSocket(SocketType.PULL);
			squatter.bind(taken);
			this.runner.withUserConfiguration(LateListener.class)
				.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
						"zmq.sockets.busy.type=PULL", "zmq.sockets.busy.endpoints=@" + taken)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqListenerContainer late = context.getBean(ZmqListenerEndpointRegistry.class)
						.getListenerContainer("late");
					assertThat(late).isNotNull();
					assertThatExceptionOfType(ZmqBindException.class).isThrownBy(late::start);
					Collector collector = context.getBean(Collector.class);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(collector.of(ZmqListenerContainerFailedEvent.class)).hasSize(1));
					ZmqListenerContainerFailedEvent failed = collector.of(ZmqListenerContainerFailedEvent.class).get(0);
					assertThat(failed.getListenerId()).isEqualTo("late");
					assertThat(failed.getSocketName()).isEqualTo("busy");
					assertThat(failed.getSource()).isSameAs(late);
					assertThat(failed.getFailure()).isInstanceOf(ZmqBindException.class);
					assertThat(late.isRunning()).isFalse();
				});
		}
	}

	private static ZMQ.Socket pushTo(ZContext peerContext, String endpoint) {
		return connect(peerContext.createSocket(SocketType.PUSH), endpoint);
	}

	/** Connect a raw peer; a short handshake interval retries JeroMQ's own stalled connects quickly (see README). */
	private static ZMQ.Socket connect(ZMQ.Socket peer, String endpoint) {
		peer.setLinger(0);
		peer.setHandshakeIvl(1000);
		peer.setReconnectIVL(50);
		peer.connect(endpoint);
		return peer;
	}

	@Configuration(proxyBeanMethods = false)
	static class Sink {

		final AtomicInteger received = new AtomicInteger();

		@ZmqListener(id = "sink", socket = "in")
		void receive(byte[] payload) {
			this.received.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LateListener {

		@ZmqListener(id = "late", socket = "busy", autoStartup = "false")
		void receive(byte[] payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Collector {

		final List<ZmqEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ZmqEvent event) {
			this.threads.add(Thread.currentThread().getName());
			this.events.add(event);
		}

		<E extends ZmqEvent> List<E> of(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowListener {

		final CountDownLatch blocking = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@EventListener
		void on(ZmqSocketConnectedEvent event) throws InterruptedException {
			this.blocking.countDown();
			this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

	}

}

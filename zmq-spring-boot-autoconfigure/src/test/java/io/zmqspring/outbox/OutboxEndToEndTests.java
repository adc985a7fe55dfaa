package io.zmqspring.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqOutboxAutoConfiguration;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The durable outbox end to end in one JVM over tcp: a DEALER sender with an outbox, a ROUTER
 * listener that acknowledges and de-duplicates, and raw JeroMQ peers that lose an ack or send a
 * message twice.
 */
class OutboxEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	private final int port = FreePorts.next();

	@Test
	void messagesSentWhileNoReceiverRunsAreDeliveredOnceItStarts() {
		sender().run((sending) -> {
			assertThat(sending).hasNotFailed();
			for (int i = 0; i < 50; i++) {
				sending.getBean(ZmqTemplate.class).send("out", bytes("m" + i));
			}
			assertThat(outbox(sending).getDepth()).isEqualTo(50);
			receiver().run((receiving) -> {
				assertThat(receiving).hasNotFailed();
				Handled handled = receiving.getBean(Handled.class);
				await().atMost(TIMEOUT).until(() -> handled.count.size() == 50);
				await().atMost(TIMEOUT).until(() -> outbox(sending).getDepth() == 0);
				assertThat(handled.count.values()).allMatch((times) -> times.get() == 1);
			});
		});
	}

	@Test
	void messagesStoredBeforeTheSenderStoppedAreDeliveredByTheNextOne() {
		sender().run((first) -> {
			assertThat(first).hasNotFailed();
			first.getBean(ZmqTemplate.class).sendBatch("out", List.of(bytes("a"), bytes("b"), bytes("c")));
		});
		receiver().run((receiving) -> sender().run((second) -> {
			assertThat(second).hasNotFailed();
			Handled handled = receiving.getBean(Handled.class);
			await().atMost(TIMEOUT).until(() -> handled.count.keySet().equals(java.util.Set.of("a", "b", "c")));
			await().atMost(TIMEOUT).until(() -> outbox(second).getDepth() == 0);
			assertThat(outbox(second).getLastSequence()).isEqualTo(2);
		}));
	}

	@Test
	void aMessageWhoseAckIsLostIsSentAgainUntilItIsAcknowledged() {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket peer = peer(context, SocketType.ROUTER);
			peer.bind("tcp://127.0.0.1:" + this.port);
			sender().run((sending) -> {
				assertThat(sending).hasNotFailed();
				sending.getBean(ZmqTemplate.class).send("out", bytes("once"));
				ZMsg first = ZMsg.recvMsg(peer);
				// no ack: the same delivery comes again after the ack timeout
				ZMsg again = ZMsg.recvMsg(peer);
				byte[] delivery = first.toArray(new org.zeromq.ZFrame[0])[1].getData();
				assertThat(ZmqOutboxFrames.isDelivery(delivery)).isTrue();
				assertThat(again.toArray(new org.zeromq.ZFrame[0])[1].getData()).isEqualTo(delivery);
				assertThat(again.getLast().getString(StandardCharsets.UTF_8)).isEqualTo("once");
				// counted right after the copy went out
				MeterRegistry meters = sending.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).until(() -> meters.find("zmq.outbox.redelivered").counter() != null
						&& meters.find("zmq.outbox.redelivered").counter().count() > 0);
				peer.sendMore(first.getFirst().getData());
				peer.send(ZmqOutboxFrames.ack(ZmqOutboxFrames.sender(delivery), ZmqOutboxFrames.sequence(delivery)));
				await().atMost(TIMEOUT).until(() -> outbox(sending).getDepth() == 0);
			});
		}
	}

	@Test
	void aMessageThatComesTwiceReachesTheHandlerOnceAndIsAcknowledgedTwice() {
		receiver().run((receiving) -> {
			assertThat(receiving).hasNotFailed();
			try (ZContext context = new ZContext(1)) {
				ZMQ.Socket peer = peer(context, SocketType.DEALER);
				peer.connect("tcp://127.0.0.1:" + this.port);
				byte[] sender = new byte[ZmqOutboxFrames.SENDER_BYTES];
				sender[0] = 7;
				byte[] delivery = ZmqOutboxFrames.delivery(sender, 41);
				for (int i = 0; i < 2; i++) {
					peer.sendMore(delivery);
					peer.send("twice");
					assertThat(ZmqOutboxFrames.acked(peer.recv())).containsExactly(41);
				}
				Handled handled = receiving.getBean(Handled.class);
				assertThat(handled.count).containsOnlyKeys("twice");
				assertThat(handled.count.get("twice")).hasValue(1);
				assertThat(handled.ids).containsValue("07000000000000000000000000000000:41");
				assertThat(receiving.getBean(MeterRegistry.class).get("zmq.dedup.discarded").counter().count())
					.isEqualTo(1);
			}
		});
	}

	@Test
	void aMessageWhoseHandlerFailedIsSentAgainAndHandledAsNew() {
		receiver().run((receiving) -> sender().run((sending) -> {
			sending.getBean(ZmqTemplate.class).send("out", bytes("fail-once"));
			Handled handled = receiving.getBean(Handled.class);
			await().atMost(TIMEOUT).until(() -> handled.count.containsKey("fail-once")
					&& handled.count.get("fail-once").get() == 2);
			await().atMost(TIMEOUT).until(() -> outbox(sending).getDepth() == 0);
			assertThat(handled.possibleDuplicates).isEmpty();
		}));
	}

	@Test
	void aSendThatWouldOverfillTheOutboxFails() {
		sender("zmq.sockets.out.outbox.max-size=100B").run((sending) -> {
			assertThat(sending).hasNotFailed();
			assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> sending.getBean(ZmqTemplate.class).send("out", new byte[200]))
				.withMessageContaining("zmq.sockets.out.outbox.max-size");
			assertThat(outbox(sending).getDepth()).isZero();
		});
	}

	@Test
	void requestReplyOnASocketWithAnOutboxFailsSayingWhy() {
		sender().run((sending) -> {
			assertThat(sending).hasNotFailed();
			assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> sending.getBean(ZmqTemplate.class).sendAndReceive("out", new byte[1]))
				.withMessageContaining("durable outbox");
		});
	}

	@Test
	void anOutboxOnASocketThatCannotCarryAcksFailsStartupNamingTheProperty() {
		sender("zmq.sockets.out.type=PUSH").run((sending) -> assertThat(sending).getFailure()
			.hasStackTraceContaining("zmq.sockets.out.outbox.enabled"));
	}

	@Test
	void deduplicationOnASocketThatCannotSendAcksFailsStartupNamingTheProperty() {
		receiver().withPropertyValues("zmq.sockets.in.type=PULL").run((receiving) -> assertThat(receiving)
			.getFailure()
			.hasStackTraceContaining("zmq.sockets.in.outbox.dedup.enabled"));
	}

	@Test
	void anOutboxInUseCannotBeOpenedASecondTime() {
		sender().run((first) -> {
			assertThat(first).hasNotFailed();
			OutboxStore second = null;
			try {
				second = OutboxStore.open(this.directory.resolve("sender"), "out", ZmqOutboxSync.OS, 1024);
			}
			catch (RuntimeException ex) {
				assertThat(ex).hasMessageContaining("locked");
			}
			assertThat(second).isNull();
		});
	}

	private ApplicationContextRunner sender(String... more) {
		return runner().withPropertyValues("zmq.sockets.out.type=DEALER",
				"zmq.sockets.out.endpoints=>tcp://127.0.0.1:" + this.port, "zmq.sockets.out.outbox.enabled=true",
				"zmq.sockets.out.outbox.directory=" + this.directory.resolve("sender"),
				"zmq.sockets.out.outbox.ack-timeout=500ms", "zmq.sockets.out.handshake-interval=1s",
				"zmq.sockets.out.reconnect-interval=50ms", "zmq.sockets.out.reconnect-interval-max=200ms")
			.withPropertyValues(more);
	}

	private ApplicationContextRunner receiver() {
		return runner().withUserConfiguration(Receiver.class)
			.withPropertyValues("zmq.sockets.in.type=ROUTER", "zmq.sockets.in.endpoints=@tcp://127.0.0.1:" + this.port,
					"zmq.sockets.in.outbox.dedup.enabled=true",
					"zmq.sockets.in.outbox.directory=" + this.directory.resolve("receiver"),
					"zmq.sockets.in.outbox.dedup.sync=os");
	}

	private static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqOutboxAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new);
	}

	/** A raw JeroMQ peer that retries a stalled connect quickly. */
	private static ZMQ.Socket peer(ZContext context, SocketType type) {
		ZMQ.Socket peer = context.createSocket(type);
		peer.setHandshakeIvl(1000);
		peer.setReconnectIVL(50);
		peer.setReceiveTimeOut(10_000);
		return peer;
	}

	private static ZmqOutbox outbox(ApplicationContext context) {
		return context.getBean(ZmqOutboxes.class).getOutbox("out");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class Receiver {

		@Bean
		Handled handled() {
			return new Handled();
		}

	}

	static class Handled {

		final Map<String, AtomicInteger> count = new ConcurrentHashMap<>();

		final Map<String, String> ids = new ConcurrentHashMap<>();

		final Map<String, String> possibleDuplicates = new ConcurrentHashMap<>();

		@ZmqListener(socket = "in")
		void on(String text, @Header(ZmqHeaders.OUTBOX_ID) String id,
				@Header(name = ZmqHeaders.POSSIBLE_DUPLICATE, required = false) String possibleDuplicate) {
			int times = this.count.computeIfAbsent(text, (key) -> new AtomicInteger()).incrementAndGet();
			this.ids.put(text, id);
			if (possibleDuplicate != null) {
				this.possibleDuplicates.put(text, possibleDuplicate);
			}
			if (text.equals("fail-once") && times == 1) {
				throw new IllegalStateException("first try fails");
			}
		}

	}

}

package io.zmqspring.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.event.ZmqTransferAbortedEvent;
import io.zmqspring.test.FreePorts;
import io.zmqspring.transfer.ZmqTransferFrame.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Transfers that end before their payload is complete, against the starter's receiver: a raw
 * JeroMQ sender that goes silent, gives up, skips a chunk or lies about the checksum, and
 * transfers beyond the receiver's limits. Each time the partial spool file is deleted, the abort
 * is counted and published, and the receiver goes on serving the next transfer.
 */
class TransferAbortTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path spool;

	private final String endpoint = FreePorts.tcp();

	private ApplicationContextRunner runner(String... properties) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(Listener.class)
			.withPropertyValues("zmq.sockets.files.type=ROUTER", "zmq.sockets.files.endpoints=@" + this.endpoint,
					"zmq.sockets.files.transfer.enabled=true", "zmq.sockets.files.transfer.idle-timeout=1s",
					// a credit below 8 is renewed after every chunk, so the raw sender knows each one was written
					"zmq.sockets.files.transfer.credit=4",
					"zmq.sockets.files.transfer.spool-directory=" + this.spool, "zmq.sockets.out.type=DEALER",
					"zmq.sockets.out.endpoints=>" + this.endpoint, "zmq.sockets.out.transfer.enabled=true")
			.withPropertyValues(properties);
	}

	@Test
	void aSenderThatGoesSilentMidTransferIsAbortedAndItsSpoolFileDeleted() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			try (RawTransferPeer sender = RawTransferPeer.sender(this.endpoint)) {
				startTransfer(sender, 11, 2);
				assertThat(spoolFiles()).as("the partial payload is spooled").hasSize(1);
			}
			Listener listener = context.getBean(Listener.class);
			ZmqTransferAbortedEvent event = listener.nextAbort();
			assertThat(event.getReason()).isEqualTo("idle-timeout");
			assertThat(event.getTransferId()).isEqualTo(Long.toHexString(11));
			assertThat(event.getBytesReceived()).isEqualTo(2000);
			assertThat(event.getSocketName()).isEqualTo("files");
			assertThat(spoolFiles()).isEmpty();
			assertThat(aborted(context, "idle-timeout")).isEqualTo(1);
			assertNextTransferArrives(context);
		});
	}

	@Test
	void aSenderThatGivesUpIsAbortedAtOnce() {
		runner("zmq.sockets.files.transfer.idle-timeout=1h").run((context) -> {
			assertThat(context).hasNotFailed();
			try (RawTransferPeer sender = RawTransferPeer.sender(this.endpoint)) {
				startTransfer(sender, 12, 1);
				sender.abort(12);
				assertThat(context.getBean(Listener.class).nextAbort().getReason()).isEqualTo("sender-aborted");
			}
			assertThat(spoolFiles()).isEmpty();
			assertThat(aborted(context, "sender-aborted")).isEqualTo(1);
			assertNextTransferArrives(context);
		});
	}

	@Test
	void aChunkThatSkipsAheadEndsTheTransferAndTellsTheSender() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			try (RawTransferPeer sender = RawTransferPeer.sender(this.endpoint)) {
				startTransfer(sender, 13, 1);
				sender.chunk(13, 2, 1000, GeneratedData.bytes(13, 1000));
				RawTransferPeer.Answer answer = sender.answer();
				assertThat(answer.frame().kind()).isEqualTo(Kind.ERROR);
				assertThat(answer.body()).isEqualTo("protocol");
			}
			assertThat(context.getBean(Listener.class).nextAbort().getReason()).isEqualTo("protocol");
			assertThat(spoolFiles()).isEmpty();
			assertNextTransferArrives(context);
		});
	}

	@Test
	void aPayloadWhoseChecksumDoesNotMatchIsNeverHandedToTheListener() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			try (RawTransferPeer sender = RawTransferPeer.sender(this.endpoint)) {
				sender.open(14, 2000);
				sender.answer();
				byte[] data = GeneratedData.bytes(14, 1000);
				sender.chunk(14, 0, 0, data);
				sender.answer();
				sender.lastChunk(14, 1, 1000, data, 42);
				RawTransferPeer.Answer answer = sender.answer();
				assertThat(answer.frame().kind()).isEqualTo(Kind.ERROR);
				assertThat(answer.body()).isEqualTo("checksum");
			}
			Listener listener = context.getBean(Listener.class);
			assertThat(listener.nextAbort().getReason()).isEqualTo("checksum");
			assertThat(spoolFiles()).isEmpty();
			assertNextTransferArrives(context);
			assertThat(listener.handledOn).as("only the good payload reached the listener").hasSize(1);
		});
	}

	@Test
	void aPayloadOfAnnouncedSizeAboveMaxSizeIsRefusedAtItsOpening() {
		runner("zmq.sockets.files.transfer.max-size=1MB").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTransferException failure = assertFailed(
					context.getBean(ZmqTransferTemplate.class).send("out", new byte[2 * 1024 * 1024]), "too-large");
			assertThat(failure.getSocket()).isEqualTo("out");
			assertThat(context.getBean(Listener.class).nextAbort().getReason()).isEqualTo("too-large");
			assertThat(spoolFiles()).isEmpty();
		});
	}

	@Test
	void aStreamThatGrowsBeyondMaxSizeIsAbortedOnTheWay() {
		runner("zmq.sockets.files.transfer.max-size=1MB").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTransferTemplate transfers = context.getBean(ZmqTransferTemplate.class);
			assertFailed(transfers.send("out", GeneratedData.endless(15)), "too-large");
			ZmqTransferAbortedEvent event = context.getBean(Listener.class).nextAbort();
			assertThat(event.getReason()).isEqualTo("too-large");
			assertThat(event.getBytesReceived()).isEqualTo(1024 * 1024);
			assertThat(spoolFiles()).isEmpty();
			assertNextTransferArrives(context, 1024 * 1024);
		});
	}

	@Test
	void transfersBeyondMaxConcurrentAreRefusedAsBusy() {
		runner("zmq.sockets.files.transfer.max-concurrent=1", "zmq.sockets.files.transfer.idle-timeout=1h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Listener listener = context.getBean(Listener.class);
				try (RawTransferPeer sender = RawTransferPeer.sender(this.endpoint)) {
					startTransfer(sender, 16, 1);
					assertFailed(context.getBean(ZmqTransferTemplate.class).send("out", new byte[10]), "busy");
					assertThat(listener.nextAbort().getReason()).isEqualTo("busy");
					sender.abort(16);
					// the next transfer comes over another connection: wait until this one freed its place
					assertThat(listener.nextAbort().getReason()).isEqualTo("sender-aborted");
				}
				assertNextTransferArrives(context);
			});
	}

	@Test
	void aListenerThatThrowsIsCountedAndItsSpoolFileDeletedAndTheNextTransferArrives() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			Listener listener = context.getBean(Listener.class);
			listener.failNext = true;
			context.getBean(ZmqTransferTemplate.class)
				.send("out", new byte[1000])
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			await().atMost(WAIT)
				.until(() -> context.getBean(MeterRegistry.class)
					.find("zmq.listener.errors")
					.tags("socket", "files", "kind", "handler")
					.counter() != null);
			await().atMost(WAIT).until(() -> spoolFiles().isEmpty());
			assertNextTransferArrives(context);
		});
	}

	/** Wait for a transfer to fail, for a reason. */
	static ZmqTransferException assertFailed(CompletableFuture<ZmqTransferResult> sent, String reason) {
		Throwable failure = catchThrowable(() -> sent.get(WAIT.toSeconds(), TimeUnit.SECONDS));
		assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ZmqTransferException.class);
		ZmqTransferException transfer = (ZmqTransferException) failure.getCause();
		assertThat(transfer.getReason()).isEqualTo(reason);
		return transfer;
	}

	/** The files in a spool directory. */
	static List<Path> filesIn(Path directory) throws java.io.IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

	/** Open a transfer by hand and send some chunks of 1000 bytes, each answered by credit. */
	private static void startTransfer(RawTransferPeer sender, long id, int chunks) {
		sender.open(id, -1);
		assertThat(sender.answer().frame().kind()).isEqualTo(Kind.GRANT);
		for (int i = 0; i < chunks; i++) {
			sender.chunk(id, i, i * 1000L, GeneratedData.bytes(id + i, 1000));
			assertThat(sender.answer().frame().kind()).isEqualTo(Kind.GRANT);
		}
	}

	private static void assertNextTransferArrives(ApplicationContext context) throws Exception {
		assertNextTransferArrives(context, 3 * 1024 * 1024);
	}

	private static void assertNextTransferArrives(ApplicationContext context, int size) throws Exception {
		byte[] payload = GeneratedData.bytes(99, size);
		ZmqTransferResult result = context.getBean(ZmqTransferTemplate.class)
			.send("out", payload)
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(context.getBean(Listener.class).next()).isEqualTo(GeneratedData.checksum(payload))
			.isEqualTo(result.checksum());
	}

	private static double aborted(ApplicationContext context, String reason) {
		return context.getBean(MeterRegistry.class)
			.get("zmq.transfer.aborted")
			.tags("socket", "files", "direction", "received", "reason", reason)
			.counter()
			.count();
	}

	private List<Path> spoolFiles() throws java.io.IOException {
		return filesIn(this.spool);
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		final BlockingQueue<Integer> received = new LinkedBlockingQueue<>();

		final BlockingQueue<ZmqTransferAbortedEvent> aborts = new LinkedBlockingQueue<>();

		final List<String> handledOn = new CopyOnWriteArrayList<>();

		volatile boolean failNext;

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@ZmqListener(socket = "files")
		void receive(ZmqTransfer transfer) {
			this.handledOn.add(Thread.currentThread().getName());
			if (this.failNext) {
				this.failNext = false;
				throw new IllegalStateException("refused by the test");
			}
			this.received.add(GeneratedData.checksum(transfer.getPath()));
		}

		@EventListener
		void aborted(ZmqTransferAbortedEvent event) {
			this.aborts.add(event);
		}

		int next() throws InterruptedException {
			Integer next = this.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(next).as("a transfer arrived").isNotNull();
			return next;
		}

		ZmqTransferAbortedEvent nextAbort() throws InterruptedException {
			ZmqTransferAbortedEvent next = this.aborts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(next).as("a transfer was aborted").isNotNull();
			return next;
		}

	}

}

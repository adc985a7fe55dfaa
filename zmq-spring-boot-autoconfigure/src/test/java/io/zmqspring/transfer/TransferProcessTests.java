package io.zmqspring.transfer;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.event.ZmqTransferAbortedEvent;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers between JVMs of their own ({@link TransferPeerMain}): a gigabyte through senders and
 * receivers whose heap is half of it, and a sender killed with SIGKILL in the middle of a transfer.
 */
class TransferProcessTests {

	private static final long GIGABYTE = 1024L * 1024 * 1024;

	private static final Duration WAIT = Duration.ofSeconds(120);

	@TempDir
	Path spool;

	@Test
	void aGigabyteGoesThroughSenderAndReceiverWithHalfAGigabyteOfHeapEach() throws Exception {
		String endpoint = FreePorts.tcp();
		long seed = 42;
		try (JavaProcess receiver = JavaProcess.start("receiver", "512m", TransferPeerMain.class, "receive", endpoint,
				this.spool.toString())) {
			receiver.awaitLine("READY", WAIT);
			try (JavaProcess sender = JavaProcess.start("sender", "512m", TransferPeerMain.class, "send", endpoint,
					Long.toString(seed), Long.toString(GIGABYTE))) {
				String[] sent = sender.awaitLine("SENT", WAIT).split(" ");
				String[] senderHeap = sender.awaitLine("HEAP", WAIT).split(" ");
				String[] received = receiver.awaitLine("RECEIVED", WAIT).split(" ");
				String[] receiverHeap = receiver.awaitLine("HEAP", WAIT).split(" ");
				String expected = Integer.toHexString(GeneratedData.checksum(seed, GIGABYTE));
				assertThat(sent[0]).isEqualTo(Long.toString(GIGABYTE));
				assertThat(sent[1]).as("the checksum the receiver confirmed").isEqualTo(expected);
				assertThat(received).containsExactly(Long.toString(GIGABYTE), expected);
				assertThat(sender.awaitExit(WAIT)).isZero();
				long nanos = Long.parseLong(sent[2]);
				System.out.printf("1 GiB transferred in %.1f s (%.0f MB/s); heap peak: sender %d MB, receiver %d MB "
						+ "(max %d MB each); CPU: sender %.1f s, receiver %.1f s (with its checksum of the file)%n",
						nanos / 1e9, GIGABYTE / 1e6 / (nanos / 1e9), Long.parseLong(senderHeap[0]) >> 20,
						Long.parseLong(receiverHeap[0]) >> 20, Long.parseLong(receiverHeap[1]) >> 20,
						Long.parseLong(senderHeap[2]) / 1e9, Long.parseLong(receiverHeap[2]) / 1e9);
				assertThat(Long.parseLong(receiverHeap[1])).as("the receiver's heap").isLessThanOrEqualTo(512L << 20);
				await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles().isEmpty());
			}
		}
	}

	@Test
	void aSenderKilledMidTransferIsAbortedAndTheReceiverServesTheNextOne() {
		String endpoint = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(TransferAbortTests.Listener.class)
			.withPropertyValues("zmq.sockets.files.type=ROUTER", "zmq.sockets.files.endpoints=@" + endpoint,
					"zmq.sockets.files.transfer.enabled=true", "zmq.sockets.files.transfer.idle-timeout=1s",
					"zmq.sockets.files.transfer.spool-directory=" + this.spool, "zmq.sockets.out.type=DEALER",
					"zmq.sockets.out.endpoints=>" + endpoint, "zmq.sockets.out.transfer.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				try (JavaProcess sender = JavaProcess.start("sender", "256m", TransferPeerMain.class, "send",
						endpoint, "7", "-1")) {
					sender.awaitLine("SENDING", WAIT);
					await().atMost(WAIT).until(() -> receivedBytes(meters) > 20 * 1024 * 1024);
					assertThat(spoolFiles()).hasSize(1);
					sender.kill();
				}
				TransferAbortTests.Listener listener = context.getBean(TransferAbortTests.Listener.class);
				ZmqTransferAbortedEvent event = listener.nextAbort();
				assertThat(event.getReason()).isEqualTo("idle-timeout");
				assertThat(event.getBytesReceived()).isGreaterThan(20 * 1024 * 1024);
				assertThat(spoolFiles()).isEmpty();
				assertThat(meters.get("zmq.transfer.aborted").tag("reason", "idle-timeout").counter().count())
					.isEqualTo(1);
				byte[] payload = GeneratedData.bytes(8, 4 * 1024 * 1024);
				assertThat(context.getBean(ZmqTransferTemplate.class).send("out", payload)).succeedsWithin(WAIT);
				assertThat(listener.next()).isEqualTo(GeneratedData.checksum(payload));
			});
	}

	private static double receivedBytes(MeterRegistry meters) {
		Counter counter = meters.find("zmq.transfer.bytes").tag("direction", "received").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private java.util.List<Path> spoolFiles() throws java.io.IOException {
		return TransferAbortTests.filesIn(this.spool);
	}

}

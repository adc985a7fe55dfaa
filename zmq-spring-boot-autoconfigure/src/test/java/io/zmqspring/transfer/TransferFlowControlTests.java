package io.zmqspring.transfer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.test.FreePorts;
import io.zmqspring.transfer.ZmqTransferFrame.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credit-based flow control, checked by raw JeroMQ peers that speak the protocol by hand: a
 * receiver that grants little and watches what the starter's sender does with it, and a sender
 * that watches the credit the starter's receiver grants.
 */
class TransferFlowControlTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int GRANTED_CHUNK = 64 * 1024;

	@TempDir
	java.nio.file.Path spool;

	private ApplicationContextRunner sender(String endpoint) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.out.type=DEALER", "zmq.sockets.out.endpoints=>" + endpoint,
					"zmq.sockets.out.handshake-interval=1s", "zmq.sockets.out.transfer.enabled=true",
					"zmq.sockets.out.transfer.idle-timeout=1s");
	}

	/** The sender's idle timeout is short: start once its connection is through its handshake. */
	private static ZmqTransferTemplate connected(ApplicationContext context) {
		ZmqSocketStats stats = context.getBean(ZmqSocketFactory.class).getOwners().getStats().get("out");
		await().atMost(WAIT).until(() -> stats.getGreetedConnections() > 0);
		return context.getBean(ZmqTransferTemplate.class);
	}

	@Test
	void aSenderSendsNoMoreChunksThanItWasGrantedAndFailsWhenNoMoreCreditComes() {
		String endpoint = FreePorts.tcp();
		try (RawTransferPeer receiver = RawTransferPeer.receiver(endpoint)) {
			sender(endpoint).run((context) -> {
				assertThat(context).hasNotFailed();
				CompletableFuture<ZmqTransferResult> sent = connected(context)
					.send("out", new GeneratedData(5, 10L * 1024 * 1024));
				RawTransferPeer.Message open = receiver.message();
				assertThat(open.frame().kind()).isEqualTo(Kind.OPEN);
				assertThat(open.frame().value()).as("an InputStream's size is unknown").isEqualTo(-1);
				receiver.grant(open, 3, GRANTED_CHUNK);
				int chunks = 0;
				RawTransferPeer.Message next = receiver.message();
				while (next.frame().kind() == Kind.CHUNK) {
					assertThat(next.frame().sequence()).isEqualTo(chunks);
					assertThat(next.body()).as("chunks of the size the receiver granted").hasSize(GRANTED_CHUNK);
					chunks++;
					next = receiver.message();
				}
				// the sender gives up after its idle timeout and says so, after every chunk it sent
				assertThat(next.frame().kind()).isEqualTo(Kind.ABORT);
				assertThat(chunks).isEqualTo(3);
				TransferAbortTests.assertFailed(sent, "idle-timeout");
			});
		}
	}

	@Test
	void aSenderResumesAsCreditArrivesInOrderUntilTheReceiverConfirms() {
		String endpoint = FreePorts.tcp();
		byte[] payload = GeneratedData.bytes(6, 10 * GRANTED_CHUNK + 100);
		try (RawTransferPeer receiver = RawTransferPeer.receiver(endpoint)) {
			sender(endpoint).run((context) -> {
				assertThat(context).hasNotFailed();
				CompletableFuture<ZmqTransferResult> sent = connected(context)
					.send("out", payload);
				RawTransferPeer.Message open = receiver.message();
				assertThat(open.frame().value()).as("a byte[]'s size is known").isEqualTo(payload.length);
				long window = 2;
				receiver.grant(open, window, GRANTED_CHUNK);
				CRC32C crc = new CRC32C();
				long received = 0;
				RawTransferPeer.Message chunk;
				do {
					chunk = receiver.message();
					assertThat(chunk.frame().kind()).isEqualTo(Kind.CHUNK);
					assertThat(chunk.frame().sequence()).isEqualTo(received).isLessThan(window);
					crc.update(chunk.body());
					received++;
					if (received == window) {
						// grant only once the window is used up: one chunk at a time from here on
						window++;
						receiver.grant(chunk, window, GRANTED_CHUNK);
					}
				}
				while (!chunk.frame().has(ZmqTransferFrame.LAST));
				assertThat(chunk.frame().checksum()).isEqualTo((int) crc.getValue())
					.isEqualTo(GeneratedData.checksum(payload));
				receiver.done(chunk, received, payload.length, (int) crc.getValue());
				assertThat(sent).succeedsWithin(WAIT).satisfies((result) -> {
					assertThat(result.chunks()).isEqualTo(11);
					assertThat(result.bytes()).isEqualTo(payload.length);
				});
			});
		}
	}

	@Test
	void aReceiverGrantsItsCreditBeyondWhatItWroteInChunksOfItsSize() {
		String endpoint = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(TransferAbortTests.Listener.class)
			.withPropertyValues("zmq.sockets.files.type=ROUTER", "zmq.sockets.files.endpoints=@" + endpoint,
					"zmq.sockets.files.transfer.enabled=true", "zmq.sockets.files.transfer.credit=4",
					"zmq.sockets.files.transfer.chunk-size=100KB",
					"zmq.sockets.files.transfer.spool-directory=" + this.spool)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (RawTransferPeer sender = RawTransferPeer.sender(endpoint)) {
					sender.open(7, 3000);
					RawTransferPeer.Answer granted = sender.answer();
					assertThat(granted.frame().kind()).isEqualTo(Kind.GRANT);
					assertThat(granted.frame().sequence()).as("the first window").isEqualTo(4);
					assertThat(granted.frame().value()).as("the receiver's chunk size").isEqualTo(100 * 1024);
					byte[] first = GeneratedData.bytes(7, 1000);
					sender.chunk(7, 0, 0, first);
					assertThat(sender.answer().frame().sequence()).isEqualTo(5);
					sender.chunk(7, 1, 1000, first);
					assertThat(sender.answer().frame().sequence()).isEqualTo(6);
				}
			});
	}

}

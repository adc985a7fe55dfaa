package io.zmqspring.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's store on its own: messages appended in order with their frames, deleted when
 * acknowledged, offered for sending again after a reopen, and sequences that go on across
 * reopens.
 */
class OutboxStoreTests {

	private static final Duration CLOSE = Duration.ofSeconds(5);

	@TempDir
	Path directory;

	@Test
	void appendedMessagesKeepTheirOrderAndFrames() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.BATCH);
		try {
			long first = store.append(List.of(OutboxStore.encode(bytes("a")),
					OutboxStore.encode(new byte[][] { bytes("h"), bytes("b") }))).join();
			assertThat(first).isZero();
			assertThat(store.nextDurable(-1)).isZero();
			assertThat(store.nextDurable(0)).isEqualTo(1);
			assertThat(OutboxStore.decode(store.get(1))).isDeepEqualTo(new byte[][] { bytes("h"), bytes("b") });
			assertThat(store.depth()).isEqualTo(2);
		}
		finally {
			store.close(CLOSE);
		}
	}

	@Test
	void unacknowledgedMessagesSurviveAReopenAndAreOfferedAgain() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS);
		byte[] sender = store.sender();
		for (int i = 0; i < 5; i++) {
			store.append(List.of(OutboxStore.encode(bytes("m" + i)))).join();
		}
		store.acknowledge(new long[] { 0, 2 });
		store.close(CLOSE);

		OutboxStore reopened = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS);
		try {
			assertThat(reopened.sender()).isEqualTo(sender);
			assertThat(offered(reopened)).containsExactly("m1", "m3", "m4");
			assertThat(reopened.lastSequence()).isEqualTo(4);
		}
		finally {
			reopened.close(CLOSE);
		}
	}

	@Test
	void sequencesGoOnAfterEveryMessageWasAcknowledgedAndTheStoreReopened() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.ALWAYS);
		store.append(List.of(OutboxStore.encode(bytes("a")), OutboxStore.encode(bytes("b")))).join();
		store.acknowledge(new long[] { 0, 1 });
		store.close(CLOSE);

		OutboxStore reopened = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.ALWAYS);
		try {
			assertThat(reopened.depth()).isZero();
			assertThat(reopened.bytes()).isZero();
			assertThat(reopened.append(List.of(OutboxStore.encode(bytes("c")))).join()).isEqualTo(2);
		}
		finally {
			reopened.close(CLOSE);
		}
	}

	@Test
	void theStoreCountsTheBytesItHolds() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS);
		try {
			byte[] encoded = OutboxStore.encode(new byte[100]);
			store.append(List.of(encoded, encoded)).join();
			assertThat(store.bytes()).isEqualTo(2L * encoded.length);
			store.acknowledge(new long[] { 1 });
			// removals run on the writer, in order: a later append sees it done
			store.append(List.of()).join();
			assertThat(store.bytes()).isEqualTo(encoded.length);
		}
		finally {
			store.close(CLOSE);
		}
	}

	private static List<String> offered(OutboxStore store) {
		List<String> offered = new ArrayList<>();
		Long next = store.nextDurable(-1);
		while (next != null) {
			byte[][] frames = OutboxStore.decode(store.get(next));
			offered.add(new String(frames[0], StandardCharsets.UTF_8));
			next = store.nextDurable(next);
		}
		return offered;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

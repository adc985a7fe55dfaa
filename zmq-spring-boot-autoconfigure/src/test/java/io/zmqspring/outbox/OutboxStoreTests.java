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
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.BATCH, 1024);
		try {
			long first = store.append(List.of(OutboxStore.encode(bytes("a")),
					OutboxStore.encode(new byte[][] { bytes("h"), bytes("b") }))).join();
			assertThat(first).isZero();
			OutboxStore.Stored a = store.poll();
			OutboxStore.Stored b = store.poll();
			assertThat(a.sequence()).isZero();
			assertThat(b.sequence()).isEqualTo(1);
			assertThat(OutboxStore.decode(b.encoded())).isDeepEqualTo(new byte[][] { bytes("h"), bytes("b") });
			assertThat(store.poll()).isNull();
			assertThat(store.depth()).isEqualTo(2);
		}
		finally {
			store.close(CLOSE);
		}
	}

	@Test
	void unacknowledgedMessagesSurviveAReopenAndAreOfferedAgain() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS, 1024);
		byte[] sender = store.sender();
		for (int i = 0; i < 5; i++) {
			store.append(List.of(OutboxStore.encode(bytes("m" + i)))).join();
		}
		store.acknowledge(new long[] { 0, 2 });
		store.close(CLOSE);

		OutboxStore reopened = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS, 1024);
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
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.ALWAYS, 1024);
		store.append(List.of(OutboxStore.encode(bytes("a")), OutboxStore.encode(bytes("b")))).join();
		store.acknowledge(new long[] { 0, 1 });
		store.close(CLOSE);

		OutboxStore reopened = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.ALWAYS, 1024);
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
	void theFeedHoldsNoMoreThanItsLimitAndARefillLoadsTheRestInOrder() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS, 2);
		try {
			for (int i = 0; i < 5; i++) {
				store.append(List.of(OutboxStore.encode(bytes("m" + i)))).join();
			}
			assertThat(store.poll().sequence()).isZero();
			assertThat(store.poll().sequence()).isEqualTo(1);
			assertThat(store.poll()).isNull();
			assertThat(store.hasUnfed()).isTrue();
			store.acknowledge(new long[] { 2 });
			store.refill().join();
			assertThat(store.poll().sequence()).isEqualTo(3);
			assertThat(store.poll().sequence()).isEqualTo(4);
			assertThat(store.hasUnfed()).isFalse();
		}
		finally {
			store.close(CLOSE);
		}
	}

	@Test
	void theStoreCountsTheBytesItHolds() {
		OutboxStore store = OutboxStore.open(this.directory, "orders", ZmqOutboxSync.OS, 1024);
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
		store.refill().join();
		for (OutboxStore.Stored next = store.poll(); next != null; next = store.poll()) {
			offered.add(new String(OutboxStore.decode(next.encoded())[0], StandardCharsets.UTF_8));
		}
		return offered;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

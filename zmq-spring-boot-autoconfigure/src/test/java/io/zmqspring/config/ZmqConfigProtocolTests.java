package io.zmqspring.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The frames of the configuration centre's protocol, both ways, and the checks on what arrives.
 */
class ZmqConfigProtocolTests {

	private static final long EPOCH = -42L;

	@Test
	void snapshotReadsBackAsWritten() {
		ZmqConfigSnapshot snapshot = new ZmqConfigSnapshot(EPOCH, 7, Map.of("a", "1", "ü", "", "b", "zwei"));
		assertThat(ZmqConfigProtocol.readSnapshot(ZmqConfigProtocol.snapshot(snapshot))).isEqualTo(snapshot);
	}

	@Test
	void snapshotFramesAreTheDocumentedOnes() {
		List<byte[]> frames = ZmqConfigProtocol.snapshot(new ZmqConfigSnapshot(1, 2, Map.of("k", "v")));
		assertThat(frames).hasSize(6);
		assertThat(new String(frames.get(0), StandardCharsets.US_ASCII)).isEqualTo("ZCFG1-STATE");
		assertThat(frames.get(1)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
		assertThat(frames.get(2)).containsExactly(0, 0, 0, 0, 0, 0, 0, 2);
		assertThat(frames.get(3)).containsExactly(0, 0, 0, 1);
		assertThat(frames.get(4)).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
		assertThat(frames.get(5)).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void updatesAndRemovalsReadBackAsWritten() {
		ZmqConfigUpdate set = new ZmqConfigUpdate(EPOCH, 3, "key", "value");
		ZmqConfigUpdate removed = new ZmqConfigUpdate(EPOCH, 4, "key", null);
		assertThat(ZmqConfigProtocol.readPublished(ZmqConfigProtocol.update(set))).isEqualTo(set);
		assertThat(ZmqConfigProtocol.readPublished(ZmqConfigProtocol.update(removed))).isEqualTo(removed);
		assertThat(ZmqConfigProtocol.update(removed).get(4)).containsExactly(1);
		assertThat(ZmqConfigProtocol.update(removed).get(5)).isEmpty();
	}

	@Test
	void updateWithAnEmptyValueIsNotARemoval() {
		ZmqConfigUpdate empty = new ZmqConfigUpdate(EPOCH, 3, "key", "");
		assertThat(((ZmqConfigUpdate) ZmqConfigProtocol.readPublished(ZmqConfigProtocol.update(empty))).isDeleted())
			.isFalse();
	}

	@Test
	void heartbeatReadsBackAsWritten() {
		ZmqConfigHeartbeat heartbeat = new ZmqConfigHeartbeat(EPOCH, 9);
		assertThat(ZmqConfigProtocol.readPublished(ZmqConfigProtocol.heartbeat(heartbeat))).isEqualTo(heartbeat);
	}

	@Test
	void unknownCommandIsRejectedWithItsReason() {
		assertThatExceptionOfType(ZmqConfigProtocolException.class)
			.isThrownBy(() -> ZmqConfigProtocol.readPublished(List.of(ascii("ZCFG1-NEW"))))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ZmqConfigProtocol.UNKNOWN_COMMAND));
	}

	@Test
	void negativeSequenceIsRejected() {
		List<byte[]> frames = new ArrayList<>(ZmqConfigProtocol.heartbeat(new ZmqConfigHeartbeat(EPOCH, 0)));
		frames.set(2, new byte[] { (byte) 0x80, 0, 0, 0, 0, 0, 0, 0 });
		assertMalformed(frames, "must not be negative");
	}

	@Test
	void removalWithAValueIsRejected() {
		List<byte[]> frames = new ArrayList<>(ZmqConfigProtocol.update(new ZmqConfigUpdate(EPOCH, 1, "k", null)));
		frames.set(5, ascii("v"));
		assertMalformed(frames, "empty value frame");
	}

	@Test
	void emptyKeyIsRejected() {
		List<byte[]> frames = new ArrayList<>(ZmqConfigProtocol.update(new ZmqConfigUpdate(EPOCH, 1, "k", "v")));
		frames.set(3, new byte[0]);
		assertMalformed(frames, "key must not be empty");
	}

	@Test
	void valueThatIsNotUtf8IsRejected() {
		List<byte[]> frames = new ArrayList<>(ZmqConfigProtocol.update(new ZmqConfigUpdate(EPOCH, 1, "k", "v")));
		frames.set(5, new byte[] { (byte) 0xFF });
		assertMalformed(frames, "not UTF-8");
	}

	@Test
	void snapshotWhoseCountDoesNotMatchItsFramesIsRejected() {
		List<byte[]> frames = new ArrayList<>(ZmqConfigProtocol.snapshot(new ZmqConfigSnapshot(EPOCH, 1, Map.of("a", "1"))));
		frames.set(3, new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF });
		assertThatExceptionOfType(ZmqConfigProtocolException.class)
			.isThrownBy(() -> ZmqConfigProtocol.readSnapshot(frames))
			.withMessageContaining("4294967295 entries");
	}

	@Test
	void snapshotWithADuplicateKeyIsRejected() {
		List<byte[]> frames = new ArrayList<>(ZmqConfigProtocol.snapshot(new ZmqConfigSnapshot(EPOCH, 1, Map.of("a", "1"))));
		frames.set(3, new byte[] { 0, 0, 0, 2 });
		frames.addAll(List.of(ascii("a"), ascii("2")));
		assertThatExceptionOfType(ZmqConfigProtocolException.class)
			.isThrownBy(() -> ZmqConfigProtocol.readSnapshot(frames))
			.withMessageContaining("same key twice");
	}

	@Test
	void snapshotRequestWithMoreFramesIsRejected() {
		assertThatExceptionOfType(ZmqConfigProtocolException.class)
			.isThrownBy(() -> ZmqConfigProtocol.checkSnapshotRequest(List.of(ascii("ZCFG1-SNAP"), ascii("x"))))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ZmqConfigProtocol.MALFORMED));
	}

	private static void assertMalformed(List<byte[]> frames, String detail) {
		assertThatExceptionOfType(ZmqConfigProtocolException.class)
			.isThrownBy(() -> ZmqConfigProtocol.readPublished(frames))
			.withMessageContaining(detail)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ZmqConfigProtocol.MALFORMED));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}

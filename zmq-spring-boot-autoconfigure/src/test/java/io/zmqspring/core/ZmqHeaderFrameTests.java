package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The header frame's wire format: round trips, limits, and hostile frames.
 */
class ZmqHeaderFrameTests {

	@Test
	void headersSurviveARoundTripInTheirOrder() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		headers.put("contentType", "application/json");
		headers.put("app-note", "grüße, 世界");
		headers.put("empty", "");
		byte[] frame = ZmqHeaderFrame.encode(headers);
		assertThat(ZmqHeaderFrame.isHeaderFrame(frame)).isTrue();
		assertThat(ZmqHeaderFrame.decode(frame)).containsExactlyEntriesOf(headers);
	}

	@Test
	void theFrameStartsWithTheMagicBytesAndTheCount() {
		byte[] frame = ZmqHeaderFrame.encode(Map.of("a", "b"));
		assertThat(frame).containsExactly('Z', 'M', 'Q', 'H', 1, 1, 1, 'a', 0, 1, 'b');
	}

	@Test
	void anEmptyMapIsAValidFrame() {
		assertThat(ZmqHeaderFrame.decode(ZmqHeaderFrame.encode(Map.of()))).isEmpty();
	}

	@Test
	void ordinaryPayloadsAreNotHeaderFrames() {
		assertThat(ZmqHeaderFrame.isHeaderFrame(new byte[0])).isFalse();
		assertThat(ZmqHeaderFrame.isHeaderFrame("ZMQH".getBytes(StandardCharsets.US_ASCII))).isFalse();
		assertThat(ZmqHeaderFrame.isHeaderFrame("{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(ZmqHeaderFrame.isHeaderFrame(new byte[] { 'Z', 'M', 'Q', 'H', 2, 0 })).isFalse();
	}

	@Test
	void encodingRefusesMoreHeadersThanTheLimit() {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i <= ZmqHeaderFrame.MAX_HEADERS; i++) {
			headers.put("h" + i, "v");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ZmqHeaderFrame.encode(headers))
			.withMessageContaining("at most 64 headers");
	}

	@Test
	void encodingRefusesEmptyAndOverLongNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> ZmqHeaderFrame.encode(Map.of("", "v")));
		assertThatIllegalArgumentException().isThrownBy(() -> ZmqHeaderFrame.encode(Map.of("n".repeat(256), "v")))
			.withMessageContaining("1 to 255 bytes");
	}

	@Test
	void encodingRefusesAFrameOverSixteenKibibytes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ZmqHeaderFrame.encode(Map.of("big", "x".repeat(ZmqHeaderFrame.MAX_FRAME_BYTES))))
			.withMessageContaining("at header 'big'");
	}

	@Test
	void decodingRefusesATruncatedValue() {
		byte[] frame = ZmqHeaderFrame.encode(Map.of("name", "value"));
		assertThatThrownBy(() -> ZmqHeaderFrame.decode(Arrays.copyOf(frame, frame.length - 1)))
			.isInstanceOf(ZmqHeaderFrameException.class)
			.hasMessageContaining("truncated");
	}

	@Test
	void decodingRefusesACountThatPromisesMoreHeadersThanThereAre() {
		byte[] frame = ZmqHeaderFrame.encode(Map.of("name", "value"));
		frame[5] = 2;
		assertThatThrownBy(() -> ZmqHeaderFrame.decode(frame)).isInstanceOf(ZmqHeaderFrameException.class)
			.hasMessageContaining("header 2 of 2");
	}

	@Test
	void decodingRefusesBytesAfterTheLastHeader() {
		byte[] frame = ZmqHeaderFrame.encode(Map.of("name", "value"));
		byte[] longer = Arrays.copyOf(frame, frame.length + 3);
		assertThatThrownBy(() -> ZmqHeaderFrame.decode(longer)).isInstanceOf(ZmqHeaderFrameException.class)
			.hasMessageContaining("3 bytes after the last header");
	}

	@Test
	void decodingRefusesACountOverTheLimitAndAnOversizedFrame() {
		byte[] tooMany = { 'Z', 'M', 'Q', 'H', 1, 65 };
		assertThatThrownBy(() -> ZmqHeaderFrame.decode(tooMany)).hasMessageContaining("65 headers");
		byte[] huge = Arrays.copyOf(ZmqHeaderFrame.encode(Map.of()), ZmqHeaderFrame.MAX_FRAME_BYTES + 1);
		assertThatThrownBy(() -> ZmqHeaderFrame.decode(huge)).isInstanceOf(ZmqHeaderFrameException.class)
			.hasMessageContaining("over the limit");
	}

	@Test
	void randomBytesBehindTheMagicEitherDecodeOrFailWithTheFramesOwnException() {
		Random random = new Random(42);
		for (int i = 0; i < 20_000; i++) {
			byte[] frame = new byte[6 + random.nextInt(64)];
			random.nextBytes(frame);
			System.arraycopy(new byte[] { 'Z', 'M', 'Q', 'H', 1 }, 0, frame, 0, 5);
			frame[5] = (byte) random.nextInt(4);
			try {
				assertThat(ZmqHeaderFrame.decode(frame)).hasSizeLessThanOrEqualTo(3);
			}
			catch (ZmqHeaderFrameException expected) {
				assertThat(expected.getMessage()).isNotEmpty();
			}
		}
	}

}

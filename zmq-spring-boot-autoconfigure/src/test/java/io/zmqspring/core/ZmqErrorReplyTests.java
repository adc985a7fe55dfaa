package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqErrorReply} is one frame on the wire and is told apart from normal replies.
 */
class ZmqErrorReplyTests {

	@Test
	void frameIsTheMarkerAndTheReasonInOneUtf8Frame() {
		assertThat(new String(ZmqErrorReply.frame("handler: IllegalStateException"), StandardCharsets.UTF_8))
			.isEqualTo("ZMQ-SPRING-ERROR: handler: IllegalStateException");
	}

	@Test
	void reasonIsReadBackFromTheFrame() {
		assertThat(ZmqErrorReply.reasonOf(List.of(ZmqErrorReply.frame("conversion: ZmqConversionException"))))
			.isEqualTo("conversion: ZmqConversionException");
	}

	@Test
	void normalRepliesCarryNoReason() {
		assertThat(ZmqErrorReply.reasonOf(List.of(bytes("echo:hello")))).isNull();
		assertThat(ZmqErrorReply.reasonOf(List.of(new byte[0]))).isNull();
		assertThat(ZmqErrorReply.reasonOf(List.of(bytes("ZMQ-SPRING-ERROR")))).isNull();
		assertThat(ZmqErrorReply.reasonOf(List.of(ZmqErrorReply.frame("handler: X"), bytes("more")))).isNull();
	}

	@Test
	void twoFrameFormOfEarlierVersionsIsStillRecognised() {
		assertThat(ZmqErrorReply.reasonOf(List.of(bytes("ZMQ-SPRING-ERROR"), bytes("handler: IllegalStateException"))))
			.isEqualTo("handler: IllegalStateException");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

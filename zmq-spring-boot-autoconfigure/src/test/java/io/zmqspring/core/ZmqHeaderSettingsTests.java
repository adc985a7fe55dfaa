package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The allow-list of a socket's header frame, applied on the way out and on the way in.
 */
class ZmqHeaderSettingsTests {

	private final ZmqHeaderSettings settings = new ZmqHeaderSettings(true, List.of("traceparent", "app-*"));

	@Test
	void exactNamesAndPrefixesAreAllowed() {
		assertThat(this.settings.isAllowed("traceparent")).isTrue();
		assertThat(this.settings.isAllowed("app-tenant")).isTrue();
		assertThat(this.settings.isAllowed("tracestate")).isFalse();
		assertThat(this.settings.isAllowed("ap")).isFalse();
	}

	@Test
	void namesSpringAndTheStarterSetThemselvesAreNeverAllowedEvenByAWildcard() {
		ZmqHeaderSettings everything = new ZmqHeaderSettings(true, List.of("*"));
		assertThat(everything.isAllowed("anything")).isTrue();
		assertThat(everything.isAllowed("id")).isFalse();
		assertThat(everything.isAllowed("timestamp")).isFalse();
		assertThat(everything.isAllowed("zmq_socket")).isFalse();
	}

	@Test
	void outboundKeepsTheAllowedHeadersAsStrings() {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-abc-01");
		headers.put("app-count", 3);
		headers.put("app-bytes", "raw".getBytes(StandardCharsets.UTF_8));
		headers.put("secret", "s3cr3t");
		assertThat(this.settings.outbound(headers)).containsExactly(Map.entry("traceparent", "00-abc-01"),
				Map.entry("app-count", "3"), Map.entry("app-bytes", "raw"));
	}

	@Test
	void outboundSendsNothingWhenTheHeaderFrameIsDisabled() {
		assertThat(ZmqHeaderSettings.DISABLED.outbound(Map.of("traceparent", "00-abc-01"))).isEmpty();
	}

	@Test
	void inboundDropsWhatTheAllowListDoesNotNameAndSaysHowMany() {
		byte[] frame = ZmqHeaderFrame.encode(Map.of("traceparent", "00-abc-01", "zmq_socket", "forged", "evil", "1"));
		AtomicInteger dropped = new AtomicInteger();
		assertThat(this.settings.inbound(frame, dropped::addAndGet)).containsExactly(Map.entry("traceparent", "00-abc-01"));
		assertThat(dropped).hasValue(2);
	}

	@Test
	void aStarInsideANameIsRefusedNamingTheProperty() {
		assertThatExceptionOfType(ZmqConfigurationException.class)
			.isThrownBy(() -> new ZmqHeaderSettings(true, List.of("ok", "a*b")).validate("zmq.sockets.api.headers"))
			.withMessageContaining("zmq.sockets.api.headers.allowed[1]");
	}

}

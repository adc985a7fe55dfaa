package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every socket option is checked at startup against the range JeroMQ 0.6.0 accepts, and a value
 * out of range fails naming the property, not with a bare exception from JeroMQ.
 */
class ZmqSocketOptionRangeTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void heartbeatTtlLongerThanJeromqTakesFailsNamingTheSocketProperty() {
		assertSocketOptionFailure("heartbeat-ttl=700s", "heartbeat-ttl", "PT11M40S", "at most 655399ms");
	}

	@Test
	void heartbeatTtlLongerThanJeromqTakesFailsNamingTheDefaultsProperty() {
		assertFailure(List.of("zmq.defaults.heartbeat-ttl=700s"), "zmq.defaults.heartbeat-ttl", "PT11M40S",
				"at most 655399ms");
	}

	@Test
	void heartbeatTtlInDefaultsFailsEvenWithoutSocketsThatUseIt() {
		assertFailure(List.of("zmq.defaults.heartbeat-ttl=655400ms"), "zmq.defaults.heartbeat-ttl", "PT10M55.4S",
				"at most 655399ms");
	}

	@Test
	void largestHeartbeatTtlJeromqTakesIsAccepted() {
		this.runner.withPropertyValues(socket("heartbeat-ttl=655399ms"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void routingIdLongerThan255BytesFailsNamingTheProperty() {
		String routingId = "r".repeat(256);
		assertSocketOptionFailure("routing-id=" + routingId, "routing-id", routingId, "1 to 255 bytes");
	}

	@Test
	void routingIdIsMeasuredInUtf8Bytes() {
		String routingId = "é".repeat(128);
		assertSocketOptionFailure("routing-id=" + routingId, "routing-id", routingId, "256 bytes long");
	}

	@Test
	void routingIdOf255BytesIsAccepted() {
		this.runner.withPropertyValues(socket("routing-id=" + "r".repeat(255)))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void emptyRoutingIdFailsNamingTheProperty() {
		assertSocketOptionFailure("routing-id=", "routing-id", "", "1 to 255 bytes");
	}

	@Test
	void routingIdStartingWithAZeroByteFailsNamingTheProperty() {
		// not through withPropertyValues, which trims the zero byte away
		this.runner.withPropertyValues(socket("linger=0"))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("routing-id", Map.of("zmq.sockets.api.routing-id", "\u0000client"))))
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("zmq.sockets.api.routing-id");
				assertThat(failure.getValue()).isEqualTo("\u0000client");
				assertThat(failure.getReason()).contains("zero byte");
			});
	}

	@ParameterizedTest(name = "{0}={1} fails naming the property")
	@CsvSource({ "linger, 25d, PT600H", "reconnect-interval, 25d, PT600H", "reconnect-interval-max, 25d, PT600H",
			"heartbeat-interval, 25d, PT600H", "heartbeat-timeout, 25d, PT600H", "send-timeout, 25d, PT600H",
			"handshake-interval, 25d, PT600H", "heartbeat-interval, 9999999999999999s, PT2777777777777H46M39S",
			"heartbeat-timeout, -1ms, PT-0.001S", "handshake-interval, -1s, PT-1S", "receive-hwm, -1, -1",
			"max-message-size, -2B, -2B" })
	void optionOutOfRangeFailsNamingTheSocketProperty(String option, String value, String reported) {
		assertSocketOptionFailure(option + "=" + value, option, reported, "must");
	}

	@ParameterizedTest(name = "zmq.defaults.{0}={1} fails naming the property")
	@CsvSource({ "linger, 25d, PT600H", "heartbeat-interval, 25d, PT600H", "reconnect-interval, -1s, PT-1S",
			"max-message-size, -2B, -2B" })
	void defaultOutOfRangeFailsNamingTheDefaultsProperty(String option, String value, String reported) {
		assertFailure(List.of("zmq.defaults." + option + "=" + value), "zmq.defaults." + option, reported, "must");
	}

	@Test
	void inlineListenerSocketChecksTheDefaultOptionsOfAnApplicationsRegistry() {
		this.runner.withUserConfiguration(OwnRegistry.class, InlineListener.class)
			.withPropertyValues("listener.endpoint=" + FreePorts.tcp())
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("zmq.defaults.heartbeat-ttl");
				assertThat(failure.getValue()).isEqualTo("PT11M40S");
				assertThat(failure.getReason()).contains("at most 655399ms")
					.contains("@ZmqListener 'inline'")
					.contains("InlineListener.handle");
			});
	}

	private void assertSocketOptionFailure(String option, String name, String value, String reason) {
		assertFailure(List.of(socket(option)), "zmq.sockets.api." + name, value, reason);
	}

	private void assertFailure(List<String> properties, String property, String value, String reason) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo(property);
			assertThat(failure.getValue()).isEqualTo(value);
			assertThat(failure.getReason()).contains(reason);
			assertThat(failure.getMessage()).contains(property);
		});
	}

	private static String[] socket(String option) {
		return new String[] { "zmq.sockets.api.type=DEALER", "zmq.sockets.api.endpoints=>" + FreePorts.tcp(),
				"zmq.sockets.api." + option };
	}

	private static ZmqConfigurationException rootCause(Throwable failure) {
		assertThat(failure).isNotNull();
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		assertThat(root).isInstanceOf(ZmqConfigurationException.class);
		return (ZmqConfigurationException) root;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		@Bean
		ZmqSocketRegistry zmqSocketRegistry() {
			ZmqSocketOptions defaults = new ZmqSocketOptions(null, null, null, null, null, Duration.ofSeconds(1), null,
					Duration.ofSeconds(700), null, null, null, null, null);
			return new ZmqSocketRegistry(List.of(), defaults);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InlineListener {

		@ZmqListener(id = "inline", type = "PULL", endpoints = "@${listener.endpoint}")
		void handle(byte[] message) {
		}

	}

}

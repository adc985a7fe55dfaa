package io.zmqspring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.core.ZmqConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zmq.sockets.<name>.request.*} values that cannot work fail startup naming the property.
 */
class RequestPolicyValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.sockets.client.endpoints=>tcp://127.0.0.1:5999");

	@Test
	void retriesWithoutTryTimeoutFailNamingTheTryTimeout() {
		assertFailure("zmq.sockets.client.request.try-timeout", "retries need a try-timeout", "zmq.sockets.client.type=REQ",
				"zmq.sockets.client.request.retries=2");
	}

	@Test
	void negativeRetriesFail() {
		assertFailure("zmq.sockets.client.request.retries", "must not be negative", "zmq.sockets.client.type=REQ",
				"zmq.sockets.client.request.retries=-1");
	}

	@Test
	void requestSettingsOnASocketThatDoesNotRequestFailNamingItsType() {
		assertFailure("zmq.sockets.client.request.fail-fast-when-disconnected", "PUSH", "zmq.sockets.client.type=PUSH",
				"zmq.sockets.client.request.fail-fast-when-disconnected=true");
	}

	private void assertFailure(String property, String reason, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			Throwable failure = context.getStartupFailure();
			assertThat(failure).isNotNull();
			while (!(failure instanceof ZmqConfigurationException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOfSatisfying(ZmqConfigurationException.class, (configuration) -> {
				assertThat(configuration.getProperty()).isEqualTo(property);
				assertThat(configuration.getReason()).contains(reason);
			});
		});
	}

}

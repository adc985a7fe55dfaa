package io.zmqspring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.SendTo;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.core.ZmqConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @SendTo} that cannot work fails startup naming the listener and the socket.
 */
class SendToValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@inproc://send-to-in",
				"zmq.sockets.results.type=PUSH", "zmq.sockets.results.endpoints=>inproc://send-to-results",
				"zmq.sockets.audit.type=SUB", "zmq.sockets.audit.endpoints=>inproc://send-to-audit");

	@Test
	void unknownSocketFailsNamingTheListenerAndTheConfiguredSockets() {
		this.runner.withUserConfiguration(Forwarder.class).withPropertyValues("target=reslts").run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).contains("@ZmqListener 'forwarder'")
				.contains("Forwarder.forward")
				.contains("@SendTo");
			assertThat(failure.getValue()).isEqualTo("reslts");
			assertThat(failure.getReason()).contains("no socket of that name").contains("results");
		});
	}

	@Test
	void socketThatCannotSendAloneFailsNamingItsType() {
		this.runner.withUserConfiguration(Forwarder.class).withPropertyValues("target=audit").run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).contains("@ZmqListener 'forwarder'");
			assertThat(failure.getValue()).isEqualTo("audit");
			assertThat(failure.getReason()).contains("SUB").contains("PUB, XPUB, PUSH, DEALER or PAIR");
		});
	}

	@Test
	void repListenerCannotForwardBecauseItsClientsWaitForTheReply() {
		this.runner.withUserConfiguration(RepForwarder.class).run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).contains("@ZmqListener 'rep'").contains("@SendTo");
			assertThat(failure.getReason()).contains("REP");
		});
	}

	@Test
	void placeholderInSendToNamesTheSocket() {
		this.runner.withUserConfiguration(Forwarder.class)
			.withPropertyValues("target=results")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ZmqConfigurationException rootCause(Throwable failure) {
		assertThat(failure).isNotNull();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ZmqConfigurationException configuration) {
				return configuration;
			}
		}
		throw new AssertionError("No ZmqConfigurationException in the cause chain of " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class Forwarder {

		@ZmqListener(id = "forwarder", socket = "in")
		@SendTo("${target}")
		String forward(String message) {
			return message;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RepForwarder {

		@ZmqListener(id = "rep", type = "REP", endpoints = "@inproc://send-to-rep")
		@SendTo("results")
		String forward(String message) {
			return message;
		}

	}

}

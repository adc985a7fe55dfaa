package io.zmqspring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat timeout is kept shorter than the interval, since JeroMQ 0.6.0 loses it
 * otherwise and never drops a peer that went silent.
 */
class HeartbeatOptionsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=>" + FreePorts.tcp());

	@Test
	void heartbeatTimeoutNotShorterThanTheIntervalFailsNamingTheProperty() {
		this.runner.withPropertyValues("zmq.sockets.in.heartbeat-interval=1s", "zmq.sockets.in.heartbeat-timeout=3s")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof ZmqConfigurationException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOfSatisfying(ZmqConfigurationException.class, (configuration) -> {
					assertThat(configuration.getProperty()).isEqualTo("zmq.sockets.in.heartbeat-timeout");
					assertThat(configuration.getReason()).contains("shorter than the heartbeat-interval (1000ms)")
						.contains("JeroMQ 0.6.0");
				});
			});
	}

	@Test
	void unsetHeartbeatTimeoutIsJustUnderTheInterval() {
		this.runner.withPropertyValues("zmq.sockets.in.heartbeat-interval=2s").run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqSocketFactory factory = context.getBean(ZmqSocketFactory.class);
			ZmqSocketDefinition definition = factory.getRegistry().getDefinition("in");
			ZMQ.Socket socket = factory.open(definition);
			try {
				assertThat(socket.getHeartbeatTimeout()).isEqualTo(1999);
			}
			finally {
				factory.close(definition, socket);
			}
		});
	}

}

package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that goes away is not silent: its disconnect is counted on the socket it left.
 */
class DisconnectVisibilityTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void peerThatClosesIsCountedAsADisconnectOfTheSocket() {
		String endpoint = FreePorts.tcp();
		this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (ZContext peer = new ZContext()) {
					ZMQ.Socket pull = peer.createSocket(SocketType.PULL);
					pull.setReceiveTimeOut(20_000);
					pull.bind(endpoint);
					context.getBean(ZmqTemplate.class).send("out", "hello".getBytes(StandardCharsets.UTF_8));
					assertThat(pull.recvStr()).isEqualTo("hello");
				}
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(20))
					.until(() -> meters.find("zmq.socket.disconnects").tag("socket", "out").counter() != null
							&& meters.find("zmq.socket.disconnects").tag("socket", "out").counter().count() >= 1);
			});
	}

}

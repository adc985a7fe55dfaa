package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connect endpoint whose host does not resolve yet does not fail startup: libzmq connects
 * lazily and retries, and so does the starter.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnresolvedHostTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void socketWithAnUnresolvableHostStartsWarnsAndServesItsOtherEndpoints(CapturedOutput output) {
		String reachable = FreePorts.tcp();
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket pull = peer.createSocket(SocketType.PULL);
			pull.setReceiveTimeOut(20_000);
			pull.bind(reachable);
			this.runner
				.withPropertyValues("zmq.sockets.out.type=PUSH",
						"zmq.sockets.out.endpoints=>tcp://no-such-host.invalid:5557,>" + reachable)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(output).contains("no-such-host.invalid:5557 does not resolve yet");
					context.getBean(ZmqTemplate.class).send("out", "still here".getBytes(StandardCharsets.UTF_8));
					assertThat(pull.recvStr()).isEqualTo("still here");
				});
		}
	}

	@Test
	void socketWhoseOnlyHostDoesNotResolveStillStarts() {
		this.runner
			.withPropertyValues("zmq.sockets.later.type=DEALER",
					"zmq.sockets.later.endpoints=>tcp://not-yet-in-dns.invalid:5557")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZmqTemplate.class).getActualEndpoints("later")).isEmpty();
			});
	}

}

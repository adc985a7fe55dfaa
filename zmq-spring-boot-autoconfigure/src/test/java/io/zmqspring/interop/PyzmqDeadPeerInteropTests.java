package io.zmqspring.interop;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.DisconnectRecorder;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A libzmq server (pyzmq) frozen with SIGSTOP keeps its TCP connections open but answers no
 * heartbeat: the template's socket drops the connection within the heartbeat timeout, and
 * requests fail fast from then on.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqDeadPeerInteropTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(DisconnectRecorder.class);

	@Test
	void stoppedPyzmqServerIsDroppedWithinTheHeartbeatTimeoutAndRequestsFailFast() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer server = PyzmqPeer.startReady("server.py", "router", endpoint, "1")) {
			this.runner
				.withPropertyValues("zmq.defaults.linger=0", "zmq.sockets.client.type=REQ",
						"zmq.sockets.client.endpoints=>" + endpoint, "zmq.sockets.client.heartbeat-interval=500ms",
						"zmq.sockets.client.heartbeat-timeout=400ms",
						"zmq.sockets.client.request.fail-fast-when-disconnected=true", "zmq.template.reply-timeout=15s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThat(template.convertSendAndReceive("client", "first", String.class)).isEqualTo("re:first");
					server.awaitLine("DONE");
					server.signal("STOP");
					try {
						long stopped = System.nanoTime();
						var disconnects = context.getBean(DisconnectRecorder.class);
						await().atMost(Duration.ofSeconds(15)).until(() -> disconnects.firstAfter(stopped) != null);
						assertThat(disconnects.firstAfter(stopped)).isLessThan(Duration.ofSeconds(4));
						// The stopped process's port still accepts connections, but nobody greets on them
						assertThatExceptionOfType(ZmqSendException.class)
							.isThrownBy(() -> template.sendAndReceive("client", "second".getBytes()))
							.withMessageContaining("no peer is connected");
					}
					finally {
						server.signal("CONT");
					}
				});
		}
	}

}

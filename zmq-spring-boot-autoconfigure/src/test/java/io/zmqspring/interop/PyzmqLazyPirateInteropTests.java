package io.zmqspring.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's retries against a libzmq ROUTER server (pyzmq) that loses requests.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqLazyPirateInteropTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void requestsThePyzmqServerDroppedAreSentAgainAndAnswered() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer server = PyzmqPeer.startReady("server.py", "router", endpoint, "2", "2")) {
			this.runner
				.withPropertyValues("zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint,
						"zmq.sockets.client.request.retries=10", "zmq.sockets.client.request.try-timeout=1s",
						// a connect that JeroMQ stalls is retried within a try or two
						"zmq.sockets.client.handshake-interval=1s",
						"zmq.template.reply-timeout=15s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThat(template.convertSendAndReceive("client", "first", String.class)).isEqualTo("re:first");
					assertThat(template.convertSendAndReceive("client", "second", String.class)).isEqualTo("re:second");
					server.awaitLine("DONE");
				});
			server.finish();
			// The first request was lost twice and answered on its third try
			assertThat(server.texts("DROPPED")).allSatisfy((frames) -> assertThat(frames).last().isEqualTo("first"));
			assertThat(server.texts("DROPPED")).hasSize(2);
			assertThat(server.texts("REQUEST")).extracting((frames) -> frames.get(frames.size() - 1))
				.containsExactly("first", "second");
		}
	}

}

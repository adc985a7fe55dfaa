package io.zmqspring.interop;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PUB socket with {@code wait-for-subscribers} runs as an XPUB and still serves libzmq SUB peers
 * (pyzmq): a subscriber that connects before the publisher binds misses none of its messages.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqSubscriberWaitInteropTests {

	@Test
	void pyzmqSubscriberConnectedBeforeThePublisherStartsGetsEveryMessage() {
		String endpoint = FreePorts.tcp();
		List<String> sent = IntStream.range(0, 1000).mapToObj((i) -> "m-" + i).toList();
		try (PyzmqPeer subscriber = PyzmqPeer.startReady("peer.py", "sub", ">" + endpoint, "weather", "1000")) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
				.withPropertyValues("zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@" + endpoint,
						"zmq.sockets.news.wait-for-subscribers=1")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					sent.forEach((message) -> template.convertAndSend("news", "weather", message));
					subscriber.awaitLine("DONE");
					subscriber.finish();
				});
			assertThat(subscriber.texts("MESSAGE")).extracting((frames) -> frames.get(1))
				.containsExactlyElementsOf(sent);
		}
	}

}

package io.zmqspring.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * {@link ZmqTemplate} sending to a real libzmq peer (pyzmq). The server scripts keep their
 * connections open until {@link PyzmqPeer#finish()}.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqTemplateInteropTests {

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.template.reply-timeout=15s");

	@Test
	void everyMessagePushedReachesAPyzmqPull() {
		String endpoint = FreePorts.tcp();
		int count = 50;
		List<String> sent = IntStream.range(0, count).mapToObj((i) -> "message-" + i).toList();
		try (PyzmqPeer pull = PyzmqPeer.startReady("server.py", "pull", endpoint, String.valueOf(count))) {
			this.contextRunner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					sent.forEach((message) -> template.convertAndSend("out", message));
					pull.awaitLine("DONE");
					pull.finish();
					assertThat(pull.texts("MESSAGE")).containsExactlyElementsOf(sent.stream().map(List::of).toList());
				});
		}
	}

	@Test
	void requestsFromAReqSocketAreAnsweredByAPyzmqRep() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer rep = PyzmqPeer.startReady("server.py", "rep", endpoint, "4")) {
			this.contextRunner.withPropertyValues(clientSocket(endpoint)).run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.convertSendAndReceive("client", "one", String.class)).isEqualTo("re:one");
				assertThat(template.convertSendAndReceive("client", "two", String.class)).isEqualTo("re:two");
				assertThat(template.convertSendAndReceive("client", "three", String.class)).isEqualTo("re:three");
				assertThat(text(template.sendAndReceive("client", bytes("four")))).isEqualTo("re:four");
				rep.finish();
				assertThat(rep.texts("REQUEST")).as("REP hands over the body alone")
					.containsExactly(List.of("one"), List.of("two"), List.of("three"), List.of("four"));
			});
		}
	}

	@Test
	void requestsInFlightTogetherAreEachAnsweredByAPyzmqRep() {
		String endpoint = FreePorts.tcp();
		int count = 8;
		try (PyzmqPeer rep = PyzmqPeer.startReady("server.py", "rep", endpoint, String.valueOf(count))) {
			this.contextRunner.withPropertyValues(clientSocket(endpoint)).run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				List<CompletableFuture<byte[]>> replies = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					replies.add(template.sendAndReceiveAsync("client", bytes("request-" + i)));
				}
				for (int i = 0; i < count; i++) {
					assertThat(replies.get(i)).succeedsWithin(REPLY_TIMEOUT)
						.extracting(PyzmqTemplateInteropTests::text)
						.isEqualTo("re:request-" + i);
				}
				rep.finish();
			});
		}
	}

	@Test
	void requestsFromAReqSocketAreAnsweredByAPyzmqRouterEchoingTheEnvelope() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer router = PyzmqPeer.startReady("server.py", "router", endpoint, "3")) {
			this.contextRunner.withPropertyValues(clientSocket(endpoint)).run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.convertSendAndReceive("client", "one", String.class)).isEqualTo("re:one");
				assertThat(template.convertSendAndReceive("client", "two", String.class)).isEqualTo("re:two");
				assertThat(text(template.sendAndReceive("client", bytes("three")))).isEqualTo("re:three");
				router.finish();
				List<List<byte[]>> requests = router.frames("REQUEST");
				assertThat(requests).hasSize(3).allSatisfy((frames) -> {
					assertThat(frames).hasSize(4);
					assertThat(frames.get(0)).as("routing id").isNotEmpty();
					assertThat(frames.get(1)).as("correlation").hasSize(Long.BYTES);
					assertThat(frames.get(2)).as("delimiter").isEmpty();
				});
				assertThat(requests).extracting((frames) -> text(frames.get(3))).containsExactly("one", "two", "three");
				assertThat(requests).extracting((frames) -> List.of(frames.get(1)))
					.as("each request has its own correlation")
					.doesNotHaveDuplicates();
			});
		}
	}

	@Test
	void multipartRequestKeepsItsFramesThroughAPyzmqRouter() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer router = PyzmqPeer.startReady("server.py", "router", endpoint, "1")) {
			this.contextRunner.withPropertyValues(clientSocket(endpoint)).run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				CompletableFuture<List<byte[]>> reply = template.sendAndReceiveAsync("client",
						List.of(bytes("a"), bytes("b")), REPLY_TIMEOUT);
				assertThat(reply).succeedsWithin(REPLY_TIMEOUT)
					.extracting((frames) -> frames.stream().map(PyzmqTemplateInteropTests::text).toList())
					.isEqualTo(List.of("re:a", "re:b"));
				router.finish();
				assertThat(router.frames("REQUEST")).singleElement()
					.satisfies((frames) -> assertThat(frames).hasSize(5));
			});
		}
	}

	private static String[] clientSocket(String endpoint) {
		return new String[] { "zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint };
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}

package io.zmqspring.interop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqErrorReply;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ZmqListener}s served by a real libzmq peer (pyzmq).
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqListenerInteropTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
;

	@Test
	void pyzmqRequestsAreEachAnsweredByARepListener() {
		String endpoint = FreePorts.tcp();
		this.contextRunner.withUserConfiguration(RepListener.class)
			.withPropertyValues("rep.endpoint=" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer client = PyzmqPeer.start("req_client.py", endpoint, "one", "two", "three", "four")) {
					client.awaitSuccess();
					assertThat(client.texts("REPLY")).containsExactly(List.of("echo:one"), List.of("echo:two"),
							List.of("echo:three"), List.of("echo:four"));
				}
			});
	}

	@Test
	void pyzmqRequesterGetsAnErrorReplyAndCanSendTheNextRequest() {
		String endpoint = FreePorts.tcp();
		this.contextRunner.withUserConfiguration(RepListener.class)
			.withPropertyValues("rep.endpoint=" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer client = PyzmqPeer.start("req_client.py", endpoint, "boom", "after")) {
					client.awaitSuccess();
					List<List<String>> replies = client.texts("REPLY");
					assertThat(replies).hasSize(2);
					assertThat(replies.get(0)).singleElement()
						.isEqualTo(ZmqErrorReply.MARKER + ": handler: IllegalStateException");
					assertThat(replies.get(1)).containsExactly("echo:after");
				}
			});
	}

	@Test
	void pyzmqRequesterThatReadsOneFrameGetsTheWholeErrorReplyAndCanSendAgain() {
		String endpoint = FreePorts.tcp();
		this.contextRunner.withUserConfiguration(RepListener.class)
			.withPropertyValues("rep.endpoint=" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer client = PyzmqPeer.start("req_client.py", "--recv-once", endpoint, "boom", "after",
						"boom", "last")) {
					List<String> output = client.awaitSuccess();
					assertThat(output).doesNotContain("MORE").contains("DONE");
					assertThat(client.texts("REPLY")).containsExactly(
							List.of("ZMQ-SPRING-ERROR: handler: IllegalStateException"), List.of("echo:after"),
							List.of("ZMQ-SPRING-ERROR: handler: IllegalStateException"), List.of("echo:last"));
				}
			});
	}

	@Test
	void subListenerReceivesOnlyItsTopicsFromAPyzmqPublisher() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer publisher = PyzmqPeer.startReady("pub_server.py", endpoint, "multipart")) {
			this.contextRunner.withUserConfiguration(SubListener.class)
				.withPropertyValues("pub.endpoint=" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					List<String> received = context.getBean(SubListener.class).received;
					await().atMost(WAIT).until(() -> count(received, "weather") >= 3 && count(received, "sports") >= 3);
					publisher.tell("STOP");
					assertThat(publisher.awaitLine("STOPPED")).startsWith("STOPPED stdin");
					publisher.finish();
					assertThat(List.copyOf(received)).allSatisfy((entry) -> assertThat(entry)
						.matches("(weather\\|weather|sports\\|sports)-\\d+"));
				});
		}
	}

	@Test
	void singleFrameMessagesFromAPyzmqPublisherCarryTheMatchingTopic() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer publisher = PyzmqPeer.startReady("pub_server.py", endpoint, "single")) {
			this.contextRunner.withUserConfiguration(SubListener.class)
				.withPropertyValues("pub.endpoint=" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					List<String> received = context.getBean(SubListener.class).received;
					await().atMost(WAIT).until(() -> count(received, "weather") >= 3 && count(received, "sports") >= 3);
					publisher.tell("STOP");
					publisher.finish();
					assertThat(List.copyOf(received)).allSatisfy((entry) -> assertThat(entry)
						.matches("(weather\\|weather|sports\\|sports)-\\d+"));
				});
		}
	}

	private static long count(List<String> received, String topic) {
		return received.stream().filter((entry) -> entry.startsWith(topic + "|")).count();
	}

	@Configuration(proxyBeanMethods = false)
	static class RepListener {

		@ZmqListener(type = "REP", endpoints = "@${rep.endpoint}")
		String reply(String request) {
			if (request.equals("boom")) {
				throw new IllegalStateException("secret detail");
			}
			return "echo:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SubListener {

		/** Entries as {@code topic|payload}. */
		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "SUB", endpoints = ">${pub.endpoint}", topics = { "weather", "sports" })
		void onMessage(@Header(ZmqHeaders.TOPIC) String topic, String payload) {
			this.received.add(topic + "|" + payload);
		}

	}

}

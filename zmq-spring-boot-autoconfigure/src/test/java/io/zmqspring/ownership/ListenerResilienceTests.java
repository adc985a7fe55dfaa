package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * User code cannot break a listener: neither an interrupt a handler leaves behind nor an
 * {@code Error} it throws stops the listener, whatever its concurrency.
 */
class ListenerResilienceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@ParameterizedTest(name = "concurrency {0}")
	@ValueSource(strings = { "1", "2" })
	void handlerThatLeavesTheInterruptFlagSetDoesNotStopTheListener(String concurrency) {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(InterruptingListener.class)
			.withPropertyValues("pull=" + endpoint, "workers=" + concurrency, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 50; i++) {
					template.send("out", ("m" + i).getBytes(StandardCharsets.UTF_8));
				}
				InterruptingListener listener = context.getBean(InterruptingListener.class);
				await().atMost(TIMEOUT).until(() -> listener.received.size() == 50);
				assertThat(container(context, "interrupting").isRunning()).isTrue();
			});
	}

	@ParameterizedTest(name = "concurrency {0}")
	@ValueSource(strings = { "1", "2" })
	void handlerThatThrowsAnErrorAnswersWithAnErrorReplyAndKeepsServing(String concurrency) {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(ErrorThrowingListener.class)
			.withPropertyValues("rep=" + endpoint, "workers=" + concurrency, "zmq.sockets.ask.type=REQ",
					"zmq.sockets.ask.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 10; i++) {
					assertThatExceptionOfType(ZmqRemoteException.class)
						.isThrownBy(() -> template.sendAndReceive("ask", "fail".getBytes(StandardCharsets.UTF_8), TIMEOUT));
					byte[] reply = template.sendAndReceive("ask", "echo".getBytes(StandardCharsets.UTF_8), TIMEOUT);
					assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("echo");
				}
				assertThat(container(context, "erroring").isRunning()).isTrue();
			});
	}

	private static ZmqListenerContainer container(org.springframework.context.ApplicationContext context, String id) {
		ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer(id);
		assertThat(container).isNotNull();
		return container;
	}

	@Configuration(proxyBeanMethods = false)
	static class InterruptingListener {

		final Set<String> received = ConcurrentHashMap.newKeySet();

		@ZmqListener(id = "interrupting", type = "PULL", endpoints = "@${pull}", concurrency = "${workers}")
		void receive(String message) {
			this.received.add(message);
			Thread.currentThread().interrupt();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ErrorThrowingListener {

		@ZmqListener(id = "erroring", type = "REP", endpoints = "@${rep}", concurrency = "${workers}")
		String reply(String request) {
			if (request.equals("fail")) {
				throw new UserError("a handler's own Error");
			}
			return request;
		}

	}

	static class UserError extends Error {

		private static final long serialVersionUID = 1L;

		UserError(String message) {
			super(message);
		}

	}

}

package io.zmqspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketNotFoundException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link ZmqTemplate}: its settings from {@code zmq.template}, its
 * customizers, and its errors for misnamed or mistyped sockets.
 */
class ZmqTemplateAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void defaultSocketIsUsedWhenNoSocketIsNamed() {
		String address = FreePorts.tcp();
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket pull = peer.createSocket(SocketType.PULL);
			pull.setReceiveTimeOut(15_000);
			pull.bind(address);
			this.runner
				.withPropertyValues("zmq.template.default-socket=out", "zmq.sockets.out.type=PUSH",
						"zmq.sockets.out.endpoints=>" + address)
				.run((context) -> {
					context.getBean(ZmqTemplate.class).send("hello".getBytes(StandardCharsets.UTF_8));
					assertThat(pull.recvStr()).isEqualTo("hello");
				});
		}
	}

	@Test
	void sendWithoutSocketFailsWithoutDefaultSocket() {
		this.runner.run((context) -> assertThatExceptionOfType(ZmqException.class)
			.isThrownBy(() -> context.getBean(ZmqTemplate.class).send(new byte[] { 1 }))
			.withMessageContaining("zmq.template.default-socket"));
	}

	@Test
	void replyTimeoutBoundsRequestsWithoutTimeout() {
		this.runner
			.withPropertyValues("zmq.template.reply-timeout=300ms", "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + FreePorts.tcp())
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(ZmqReplyTimeoutException.class)
					.isThrownBy(() -> template.sendAndReceive("client", new byte[] { 1 }))
					.withMessageContaining("'client'")
					.withMessageContaining("300 ms");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300))
					.isLessThan(Duration.ofSeconds(5));
			});
	}

	@Test
	void templateCustomizerIsAppliedAfterProperties() {
		this.runner
			.withPropertyValues("zmq.template.reply-timeout=5s", "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + FreePorts.tcp())
			.withBean(ZmqTemplateCustomizer.class, () -> (template) -> template.setReplyTimeout(Duration.ofMillis(200)))
			.run((context) -> assertThatExceptionOfType(ZmqReplyTimeoutException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class).sendAndReceive("client", new byte[] { 1 }))
				.withMessageContaining("200 ms"));
	}

	@Test
	void templateCustomizerReceivesTheTemplateBean() {
		ZmqTemplate[] customized = new ZmqTemplate[1];
		this.runner.withBean(ZmqTemplateCustomizer.class, () -> (template) -> customized[0] = template)
			.run((context) -> assertThat(customized[0]).isSameAs(context.getBean(ZmqTemplate.class)));
	}

	@Test
	void unknownSocketNameListsTheConfiguredSockets() {
		this.runner
			.withPropertyValues("zmq.sockets.orders.type=PUSH", "zmq.sockets.orders.endpoints=>" + FreePorts.tcp(),
					"zmq.sockets.audit.type=PUSH", "zmq.sockets.audit.endpoints=>" + FreePorts.tcp())
			.run((context) -> assertThatExceptionOfType(ZmqSocketNotFoundException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class).send("ordres", new byte[] { 1 }))
				.satisfies((ex) -> assertThat(ex.getSocketName()).isEqualTo("ordres"))
				.withMessageContaining("'ordres'")
				.withMessageContaining("[audit, orders]"));
	}

	@Test
	void unknownSocketNameSaysWhenNoSocketIsConfigured() {
		this.runner.run((context) -> assertThatExceptionOfType(ZmqSocketNotFoundException.class)
			.isThrownBy(() -> context.getBean(ZmqTemplate.class).send("orders", new byte[] { 1 }))
			.withMessageContaining("none"));
	}

	@Test
	void requestReplyOnPushSocketFailsNamingTheSocket() {
		this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + FreePorts.tcp())
			.run((context) -> assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class).sendAndReceive("out", new byte[] { 1 }))
				.satisfies((ex) -> assertThat(ex.getSocketName()).isEqualTo("out"))
				.withMessageContaining("'out'")
				.withMessageContaining("PUSH"));
	}

	@Test
	void plainSendOnReqSocketFailsNamingTheSocket() {
		this.runner.withPropertyValues("zmq.sockets.client.type=REQ",
				"zmq.sockets.client.endpoints=>" + FreePorts.tcp())
			.run((context) -> assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class).send("client", new byte[] { 1 }))
				.satisfies((ex) -> assertThat(ex.getSocketName()).isEqualTo("client"))
				.withMessageContaining("'client'")
				.withMessageContaining("REQ"));
	}

	@Test
	void topicSendOnPushSocketFailsNamingTheSocket() {
		this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + FreePorts.tcp())
			.run((context) -> assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class).send("out", "news", new byte[] { 1 }))
				.satisfies((ex) -> assertThat(ex.getSocketName()).isEqualTo("out")));
	}

	@Test
	void sendingSocketsAreOpenedWhenTheContextStarts() {
		this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=@tcp://127.0.0.1:*")
			.run((context) -> assertThat(context.getBean(ZmqTemplate.class).getActualEndpoints("out")).hasSize(1));
	}

}

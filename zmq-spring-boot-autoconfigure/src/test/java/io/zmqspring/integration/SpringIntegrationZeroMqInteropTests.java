package io.zmqspring.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.zeromq.ZeroMqHeaders;
import org.springframework.integration.zeromq.dsl.ZeroMq;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.PollableChannel;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our adapters against Spring Integration's own ZeroMQ adapters ({@code spring-integration-zeromq})
 * over tcp, with their topic framing: a topic frame, then the payload. Their adapters run on a
 * ZContext of their own, as they would in another application.
 */
class SpringIntegrationZeroMqInteropTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	@Test
	void ourOutboundAdapterPublishesIntoTheirZeroMqMessageProducer() {
		int port = FreePorts.next();
		try (ZContext theirs = new ZContext(1)) {
			this.runner.withUserConfiguration(OursToTheirs.class)
				.withBean(TheirContext.class, () -> new TheirContext(theirs, port))
				.withPropertyValues("zmq.sockets.prices.type=PUB", "zmq.sockets.prices.endpoints=@tcp://127.0.0.1:" + port)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					MessageChannel toZmq = context.getBean("toZmq", MessageChannel.class);
					PollableChannel received = context.getBean("received", PollableChannel.class);
					Received.handshake(received, () -> toZmq.send(MessageBuilder.withPayload(Received.HANDSHAKE)
						.setHeader(ZmqHeaders.TOPIC, "quotes")
						.build()));
					toZmq.send(MessageBuilder.withPayload("ignored").setHeader(ZmqHeaders.TOPIC, "other").build());
					toZmq.send(MessageBuilder.withPayload("1.08").setHeader(ZmqHeaders.TOPIC, "quotes").build());
					Message<?> message = Received.next(received);
					assertThat(message.getPayload()).isEqualTo("1.08".getBytes(StandardCharsets.UTF_8));
					assertThat(message.getHeaders()).containsEntry(ZeroMqHeaders.TOPIC, "quotes");
				});
		}
	}

	@Test
	void theirZeroMqMessageHandlerPublishesIntoOurInboundAdapter() {
		int port = FreePorts.next();
		try (ZContext theirs = new ZContext(1)) {
			this.runner.withUserConfiguration(TheirsToOurs.class)
				.withBean(TheirContext.class, () -> new TheirContext(theirs, port))
				.withPropertyValues("zmq.sockets.quotes.type=SUB", "zmq.sockets.quotes.endpoints=>tcp://127.0.0.1:" + port,
						"zmq.sockets.quotes.topics=quotes")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					MessageChannel toTheirs = context.getBean("toTheirs", MessageChannel.class);
					PollableChannel received = context.getBean("received", PollableChannel.class);
					Received.handshake(received, () -> toTheirs.send(MessageBuilder.withPayload(Received.HANDSHAKE)
						.setHeader("desk", "quotes")
						.build()));
					toTheirs.send(MessageBuilder.withPayload("ignored".getBytes(StandardCharsets.UTF_8))
						.setHeader("desk", "other")
						.build());
					toTheirs.send(MessageBuilder.withPayload("1.09".getBytes(StandardCharsets.UTF_8))
						.setHeader("desk", "quotes")
						.build());
					Message<?> message = Received.next(received);
					assertThat(message.getPayload()).isEqualTo("1.09".getBytes(StandardCharsets.UTF_8));
					assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "quotes");
				});
		}
	}

	/** The other side's ZContext (not a bean of that type, which would replace ours) and its port. */
	record TheirContext(ZContext context, int port) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class OursToTheirs {

		@Bean
		IntegrationFlow ours(ZmqIntegration zmq) {
			return IntegrationFlow.from("toZmq").handle(zmq.outboundAdapter("prices")).get();
		}

		@Bean
		IntegrationFlow theirs(TheirContext theirs) {
			return IntegrationFlow
				.from(ZeroMq.inboundChannelAdapter(theirs.context(), SocketType.SUB)
					.connectUrl("tcp://127.0.0.1:" + theirs.port())
					// JeroMQ now and then stalls a fresh connect before its handshake, by default
					// for 30 s: retry it quickly
					.socketConfigurer((socket) -> {
						socket.setHandshakeIvl(1000);
						socket.setReconnectIVL(50);
					})
					.topics("quotes")
					.consumeDelay(Duration.ofMillis(10)))
				.channel((channels) -> channels.queue("received"))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class TheirsToOurs {

		@Bean
		IntegrationFlow theirs(TheirContext theirs) {
			return IntegrationFlow.from("toTheirs")
				.handle(ZeroMq.outboundChannelAdapter(theirs.context(), theirs.port(), SocketType.PUB)
					.topicExpression("headers.desk"))
				.get();
		}

		@Bean
		IntegrationFlow ours(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundAdapter("quotes"))
				.channel((channels) -> channels.queue("received"))
				.get();
		}

	}

}

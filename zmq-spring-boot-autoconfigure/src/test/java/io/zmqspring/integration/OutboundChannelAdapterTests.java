package io.zmqspring.integration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.PollableChannel;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbound channel adapter end to end: a flow sends through the adapter on a real socket, an
 * inbound adapter on the peer socket receives.
 */
class OutboundChannelAdapterTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	/** Each sending type with the receiving type of its peer: the adapter's socket binds. */
	static Stream<Arguments> socketPairs() {
		List<String[]> pairs = List.of(new String[] { "PUB", "SUB" }, new String[] { "XPUB", "SUB" },
				new String[] { "PUSH", "PULL" }, new String[] { "PAIR", "PAIR" }, new String[] { "DEALER", "ROUTER" },
				new String[] { "ROUTER", "DEALER" });
		return Stream.of(Transport.values())
			.flatMap((transport) -> pairs.stream().map((pair) -> Arguments.of(transport, pair[0], pair[1])));
	}

	@ParameterizedTest(name = "{1} to {2} over {0}")
	@MethodSource("socketPairs")
	void eachSocketTypeSendsTheConvertedPayloadWithTopicOrRoutingIdFromTheHeaders(Transport transport,
			String outType, String inType) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(OutboundFlow.class)
			.withPropertyValues("zmq.sockets.out.type=" + outType, "zmq.sockets.out.endpoints=@" + endpoint,
					"zmq.sockets.out.routing-id=server", "zmq.sockets.in.type=" + inType,
					"zmq.sockets.in.endpoints=>" + endpoint, "zmq.sockets.in.topics=news",
					"zmq.sockets.in.routing-id=peer-1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MessageChannel toZmq = context.getBean("toZmq", MessageChannel.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				Received.handshake(received, () -> toZmq.send(addressed(Received.HANDSHAKE)));
				toZmq.send(addressed("order-1"));
				Message<?> message = Received.next(received);
				assertThat(message.getPayload()).isEqualTo("order-1".getBytes(StandardCharsets.UTF_8));
				List<?> frames = message.getHeaders().get(ZmqHeaders.FRAMES, List.class);
				if (outType.endsWith("PUB")) {
					assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "news");
					assertThat(frames).hasSize(2);
				}
				if (inType.equals("ROUTER")) {
					assertThat(message.getHeaders().get(ZmqHeaders.ROUTING_ID, byte[].class))
						.isEqualTo("server".getBytes(StandardCharsets.UTF_8));
				}
			});
	}

	/** The topic for PUB and XPUB, the routing id for ROUTER; the other types ignore both. */
	private static Message<?> addressed(Object payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(ZmqHeaders.TOPIC, "news")
			.setHeader(ZmqHeaders.ROUTING_ID, "peer-1".getBytes(StandardCharsets.UTF_8))
			.build();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aTopicExpressionGivesEachMessageItsTopic(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(TopicExpressionFlow.class)
			.withPropertyValues("zmq.sockets.out.type=PUB", "zmq.sockets.out.endpoints=@" + endpoint,
					"zmq.sockets.in.type=SUB", "zmq.sockets.in.endpoints=>" + endpoint,
					"zmq.sockets.in.topics=prices.fx")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MessageChannel toZmq = context.getBean("toZmq", MessageChannel.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				Received.handshake(received,
						() -> toZmq.send(MessageBuilder.withPayload(Received.HANDSHAKE).setHeader("desk", "fx").build()));
				toZmq.send(MessageBuilder.withPayload("skipped").setHeader("desk", "other").build());
				toZmq.send(MessageBuilder.withPayload("1.08").setHeader("desk", "fx").build());
				Message<?> message = Received.next(received);
				assertThat(message.getPayload()).isEqualTo("1.08".getBytes(StandardCharsets.UTF_8));
				assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "prices.fx");
			});
	}

	@Test
	void aMessageToARouterWithoutRoutingIdFailsTheSendNamingTheHeader() {
		String endpoint = Transport.INPROC.endpoint();
		this.runner.withUserConfiguration(OutboundFlow.class)
			.withPropertyValues("zmq.sockets.out.type=ROUTER", "zmq.sockets.out.endpoints=@" + endpoint,
					"zmq.sockets.in.type=DEALER", "zmq.sockets.in.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MessageChannel toZmq = context.getBean("toZmq", MessageChannel.class);
				assertThatExceptionOfType(MessageHandlingException.class)
					.isThrownBy(() -> toZmq.send(MessageBuilder.withPayload("x").build()))
					.havingRootCause()
					.isInstanceOf(ZmqSendException.class)
					.withMessageContaining(ZmqHeaders.ROUTING_ID);
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aFlowReceivesOnPullTransformsAndPublishesOnPub(Transport transport) {
		String ordersEndpoint = transport.endpoint();
		String pricesEndpoint = transport.endpoint();
		this.runner.withUserConfiguration(PullTransformPublishFlow.class)
			.withPropertyValues("zmq.sockets.orders.type=PULL", "zmq.sockets.orders.endpoints=@" + ordersEndpoint,
					"zmq.sockets.orders-out.type=PUSH", "zmq.sockets.orders-out.endpoints=>" + ordersEndpoint,
					"zmq.sockets.prices.type=PUB", "zmq.sockets.prices.endpoints=@" + pricesEndpoint,
					"zmq.sockets.quotes.type=SUB", "zmq.sockets.quotes.endpoints=>" + pricesEndpoint,
					"zmq.sockets.quotes.topics=quotes")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				Received.handshake(received, () -> template.send("orders-out", Received.HANDSHAKE));
				template.convertAndSend("orders-out", "zmq");
				Message<?> message = Received.next(received);
				assertThat(message.getPayload()).isEqualTo("ZMQ".getBytes(StandardCharsets.UTF_8));
				assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "quotes")
					.containsEntry(ZmqHeaders.SOCKET, "quotes");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@Import(ReceivingFlow.class)
	static class OutboundFlow {

		@Bean
		IntegrationFlow outbound(ZmqIntegration zmq) {
			return IntegrationFlow.from("toZmq").handle(zmq.outboundAdapter("out")).get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ReceivingFlow.class)
	static class TopicExpressionFlow {

		@Bean
		IntegrationFlow outbound(ZmqIntegration zmq) {
			return IntegrationFlow.from("toZmq")
				.handle(zmq.outboundAdapter("out").topicExpression("'prices.' + headers.desk"))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class PullTransformPublishFlow {

		@Bean
		IntegrationFlow pricing(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundAdapter("orders").id("ordersIn").payloadType(String.class))
				.<String, String>transform(String::toUpperCase)
				.handle(zmq.outboundAdapter("prices").topic("quotes"))
				.get();
		}

		@Bean
		IntegrationFlow quotes(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundAdapter("quotes").id("quotesIn"))
				.channel((channels) -> channels.queue("received"))
				.get();
		}

	}

}

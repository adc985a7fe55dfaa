package io.zmqspring.integration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.PollableChannel;
import org.springframework.messaging.support.ErrorMessage;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.Handshakes;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound channel adapter end to end: the template sends on a real socket, the adapter's
 * socket receives, and the flow ends in a queue channel.
 */
class InboundChannelAdapterTests {

	private static final byte[] ORDER = "order-1".getBytes(StandardCharsets.UTF_8);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	/** Each receiving type with the sending type of its peer: the adapter's socket binds. */
	static Stream<Arguments> socketPairs() {
		List<String[]> pairs = List.of(new String[] { "PULL", "PUSH" }, new String[] { "SUB", "PUB" },
				new String[] { "XSUB", "PUB" }, new String[] { "PAIR", "PAIR" }, new String[] { "DEALER", "ROUTER" },
				new String[] { "ROUTER", "DEALER" });
		return Stream.of(Transport.values())
			.flatMap((transport) -> pairs.stream().map((pair) -> Arguments.of(transport, pair[0], pair[1])));
	}

	@ParameterizedTest(name = "{1} from {2} over {0}")
	@MethodSource("socketPairs")
	void eachSocketTypeDeliversTheLastFrameWithTheZmqHeaders(Transport transport, String inType, String outType) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(ReceivingFlow.class)
			.withPropertyValues("zmq.sockets.in.type=" + inType, "zmq.sockets.in.endpoints=@" + endpoint,
					"zmq.sockets.in.topics=news", "zmq.sockets.in.routing-id=adapter",
					"zmq.sockets.out.type=" + outType, "zmq.sockets.out.endpoints=>" + endpoint,
					"zmq.sockets.out.routing-id=client-1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				Received.handshake(received, () -> send(template, outType, Received.HANDSHAKE));
				send(template, outType, ORDER);
				Message<?> message = Received.next(received);
				assertThat(message.getPayload()).isEqualTo(ORDER);
				assertThat(message.getHeaders()).containsEntry(ZmqHeaders.SOCKET, "in")
					.containsEntry(ZmqHeaders.LISTENER_ID, "inAdapter");
				assertThat(message.getHeaders().getId()).as("no id unless asked for").isNull();
				List<?> frames = message.getHeaders().get(ZmqHeaders.FRAMES, List.class);
				assertThat(frames).last().isEqualTo(ORDER);
				if (inType.endsWith("SUB")) {
					assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "news");
					assertThat(frames).hasSize(2);
				}
				if (inType.equals("ROUTER")) {
					assertThat(message.getHeaders().get(ZmqHeaders.ROUTING_ID, byte[].class))
						.isEqualTo("client-1".getBytes(StandardCharsets.UTF_8));
				}
			});
	}

	private static void send(ZmqTemplate template, String outType, byte[] payload) {
		switch (outType) {
			case "PUB" -> template.send("out", "news", payload);
			case "ROUTER" -> template.sendFrames("out", List.of("adapter".getBytes(StandardCharsets.UTF_8), payload));
			default -> template.send("out", payload);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void inlineSubSocketSubscribesToItsTopicsConvertsThePayloadAndGeneratesIds(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(InlineSubFlow.class)
			.withPropertyValues("sub.endpoint=>" + endpoint, "zmq.sockets.out.type=PUB",
					"zmq.sockets.out.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				Received.handshake(received, () -> template.send("out", "news", Received.HANDSHAKE));
				template.send("out", "sports", "ignored".getBytes(StandardCharsets.UTF_8));
				template.send("out", "news", ORDER);
				Message<?> message = Received.next(received);
				assertThat(message.getPayload()).isEqualTo("order-1");
				assertThat(message.getHeaders()).containsEntry(ZmqHeaders.TOPIC, "news")
					.containsEntry(ZmqHeaders.SOCKET, "inlineSub");
				assertThat(message.getHeaders().getId()).isNotNull();
				assertThat(message.getHeaders().getTimestamp()).isPositive();
				ZmqInboundChannelAdapter adapter = context.getBean("inlineSub", ZmqInboundChannelAdapter.class);
				assertThat(adapter.getListenerContainer().getActualEndpoints()).hasSize(1);
			});
	}

	@Test
	void aFailureGoesToTheErrorChannelAndTheAdapterKeepsReceiving() {
		String endpoint = Transport.TCP.endpoint();
		this.runner.withUserConfiguration(FailingFlowWithErrorChannel.class)
			.withPropertyValues(pipeline(endpoint))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PollableChannel errors = context.getBean("errors", PollableChannel.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				template.send("out", "boom".getBytes(StandardCharsets.UTF_8));
				template.send("out", ORDER);
				Message<?> error = Received.next(errors);
				assertThat(error).isInstanceOf(ErrorMessage.class);
				MessagingException failure = (MessagingException) error.getPayload();
				assertThat(failure).hasRootCauseInstanceOf(IllegalStateException.class);
				assertThat(failure.getFailedMessage().getPayload()).isEqualTo("boom".getBytes(StandardCharsets.UTF_8));
				assertThat(Received.next(received).getPayload()).isEqualTo(ORDER);
			});
	}

	@Test
	void aFailureWithoutErrorChannelIsCountedAsAListenerErrorAndTheAdapterKeepsReceiving() {
		String endpoint = Transport.TCP.endpoint();
		this.runner.withUserConfiguration(FailingFlow.class)
			.withPropertyValues(pipeline(endpoint))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				template.send("out", "boom".getBytes(StandardCharsets.UTF_8));
				template.send("out", ORDER);
				assertThat(Received.next(received).getPayload()).isEqualTo(ORDER);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("zmq.listener.errors").tag("listener", "inAdapter").counter().count())
					.isEqualTo(1.0);
				assertThat(context.getBean("inAdapter", ZmqInboundChannelAdapter.class).isRunning()).isTrue();
			});
	}

	/** Over tcp: an inproc peer that connected does not reconnect to a socket bound again. */
	@Test
	void theAdapterStopsAndStartsAgain() {
		String endpoint = Transport.TCP.endpoint();
		this.runner.withUserConfiguration(ReceivingFlow.class)
			.withPropertyValues(pipeline(endpoint))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				PollableChannel received = context.getBean("received", PollableChannel.class);
				ZmqInboundChannelAdapter adapter = context.getBean("inAdapter", ZmqInboundChannelAdapter.class);
				assertThat(adapter.getPhase()).isEqualTo(ZmqListenerContainer.DEFAULT_PHASE);
				template.send("out", ORDER);
				assertThat(Received.next(received).getPayload()).isEqualTo(ORDER);
				adapter.stop();
				assertThat(adapter.isRunning()).isFalse();
				assertThat(adapter.getListenerContainer().isRunning()).isFalse();
				adapter.start();
				assertThat(adapter.getListenerContainer().isRunning()).isTrue();
				// The PUSH may not have noticed yet that its connection to the stopped socket is
				// gone, and what it hands that connection is lost: send once it reconnected
				Handshakes.awaitGreeted(context, "in", 1);
				byte[] again = "order-2".getBytes(StandardCharsets.UTF_8);
				template.send("out", again);
				assertThat(Received.next(received).getPayload()).isEqualTo(again);
			});
	}

	@Test
	void anAdapterOnASocketTypeItCannotReceiveOnFailsStartup() {
		this.runner.withUserConfiguration(ReceivingFlow.class)
			.withPropertyValues("zmq.sockets.in.type=PUB", "zmq.sockets.in.endpoints=@" + Transport.INPROC.endpoint())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ZmqConfigurationException.class)
				.hasMessageContaining("ZeroMQ inbound channel adapter 'inAdapter'")
				.hasMessageContaining("PUB"));
	}

	@Test
	void anAdapterOnAnUnknownSocketFailsStartupNamingIt() {
		this.runner.withUserConfiguration(ReceivingFlow.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ZmqConfigurationException.class)
				.hasMessageContaining("inAdapter")
				.hasMessageContaining("in"));
	}

	private static String[] pipeline(String endpoint) {
		return new String[] { "zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
				"zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint };
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class InlineSubFlow {

		@Bean
		IntegrationFlow inbound(ZmqIntegration zmq, org.springframework.core.env.Environment environment) {
			return IntegrationFlow
				.from(zmq.inboundAdapter(ZmqSocketType.SUB, environment.getRequiredProperty("sub.endpoint"))
					.id("inlineSub")
					.topics("news")
					.payloadType(String.class)
					.generateMessageId(true))
				.channel((channels) -> channels.queue("received"))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class FailingFlowWithErrorChannel {

		@Bean
		IntegrationFlow inbound(ZmqIntegration zmq) {
			return IntegrationFlow
				.from(zmq.inboundAdapter("in").id("inAdapter").errorChannel("errors"))
				.handle(byte[].class, (payload, headers) -> failOnBoom(payload))
				.channel((channels) -> channels.queue("received"))
				.get();
		}

		@Bean
		PollableChannel errors() {
			return new QueueChannel();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class FailingFlow {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		IntegrationFlow inbound(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundAdapter("in").id("inAdapter"))
				.handle(byte[].class, (payload, headers) -> failOnBoom(payload))
				.channel((channels) -> channels.queue("received"))
				.get();
		}

	}

	static byte[] failOnBoom(byte[] payload) {
		if (new String(payload, StandardCharsets.UTF_8).equals("boom")) {
			throw new IllegalStateException("boom");
		}
		return payload;
	}

}

package io.zmqspring.interop;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.PollableChannel;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqErrorReply;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Integration gateways against a real libzmq peer (pyzmq).
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqIntegrationInteropTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	@Test
	void anInboundGatewayAnswersAPyzmqReqAndAFailingFlowStillReplies() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(UpperCaseGateway.class)
			.withPropertyValues("zmq.sockets.api.type=REP", "zmq.sockets.api.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer client = PyzmqPeer.start("req_client.py", "--recv-once", endpoint, "one", "boom",
						"two")) {
					List<String> output = client.awaitSuccess();
					assertThat(output).doesNotContain("MORE");
					assertThat(client.texts("REPLY")).containsExactly(List.of("ONE"),
							List.of(ZmqErrorReply.PREFIX + "handler: IllegalStateException"), List.of("TWO"));
				}
			});
	}

	@Test
	void anOutboundGatewayGetsTheRepliesOfAPyzmqRep() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer rep = PyzmqPeer.startReady("server.py", "rep", endpoint, "2")) {
			this.runner.withUserConfiguration(GatewayClient.class)
				.withPropertyValues("zmq.sockets.pricing.type=REQ", "zmq.sockets.pricing.endpoints=>" + endpoint,
						// JeroMQ now and then stalls a fresh connect until the handshake interval retries it
						"zmq.template.reply-timeout=20s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					MessageChannel requests = context.getBean("requests", MessageChannel.class);
					PollableChannel replies = context.getBean("replies", PollableChannel.class);
					requests.send(MessageBuilder.withPayload("ZMQ").build());
					requests.send(MessageBuilder.withPayload("JMQ").build());
					Message<?> first = replies.receive(20_000);
					Message<?> second = replies.receive(20_000);
					assertThat(first).isNotNull();
					assertThat(second).isNotNull();
					assertThat(List.of(first.getPayload(), second.getPayload())).containsExactly("re:ZMQ", "re:JMQ");
					assertThat(first.getHeaders()).containsEntry(ZmqHeaders.SOCKET, "pricing");
				});
			rep.finish();
			assertThat(rep.texts("REQUEST")).containsExactly(List.of("ZMQ"), List.of("JMQ"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class UpperCaseGateway {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundGateway("api").payloadType(String.class))
				.<String, String>transform((request) -> {
					if (request.equals("boom")) {
						throw new IllegalStateException("boom");
					}
					return request.toUpperCase();
				})
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class GatewayClient {

		@Bean
		IntegrationFlow pricingFlow(ZmqIntegration zmq) {
			return IntegrationFlow.from("requests")
				.handle(zmq.outboundGateway("pricing").replyPayloadType(String.class))
				.channel((channels) -> channels.queue("replies"))
				.get();
		}

	}

}

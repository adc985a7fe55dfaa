package io.zmqspring.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.springframework.core.env.Environment;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The inbound gateway end to end: the template's request-reply on a real DEALER socket, the
 * gateway's REP or ROUTER socket, and a flow that answers.
 */
class InboundGatewayTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	static Stream<Arguments> servers() {
		return Stream.of(Transport.values())
			.flatMap((transport) -> Stream.of("REP", "ROUTER").map((type) -> Arguments.of(transport, type)));
	}

	private ApplicationContextRunner server(Transport transport, String type, Class<?> flow) {
		String endpoint = transport.endpoint();
		return this.runner.withUserConfiguration(flow)
			.withPropertyValues("api.endpoint=@" + endpoint, "zmq.sockets.api.type=" + type,
					"zmq.sockets.api.endpoints=@" + endpoint, "zmq.sockets.client.type=DEALER",
					"zmq.sockets.client.endpoints=>" + endpoint, "zmq.template.reply-timeout=" + TIMEOUT.toMillis() + "ms",
					// a connect JeroMQ stalls before its handshake is retried well within a reply timeout
					"zmq.sockets.client.handshake-interval=1s");
	}

	@ParameterizedTest(name = "{1} over {0}")
	@MethodSource("servers")
	void theFlowsReplyGoesBackToTheRequester(Transport transport, String type) {
		server(transport, type, UpperCaseGateway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.sendAndReceive("client", bytes("hello"))).isEqualTo(bytes("HELLO"));
			assertThat(template.sendAndReceive("client", bytes("again"))).isEqualTo(bytes("AGAIN"));
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void anInlineRepGatewayAnswers(Transport transport) {
		server(transport, "REP", InlineGateway.class)
			.withPropertyValues("zmq.sockets.api.type=PAIR", "zmq.sockets.api.endpoints=@inproc://unused-" + transport)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.sendAndReceive("client", bytes("inline"))).isEqualTo(bytes("INLINE"));
				ZmqInboundGateway gateway = context.getBean("inlineRep", ZmqInboundGateway.class);
				assertThat(gateway.getListenerContainer().getSocketDefinition().name()).isEqualTo("inlineRep");
			});
	}

	@ParameterizedTest(name = "{1} over {0}")
	@MethodSource("servers")
	void aFailingFlowStillRepliesWithTheErrorReplyAndTheGatewayKeepsServing(Transport transport, String type) {
		server(transport, type, UpperCaseGateway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.sendAndReceive("client", bytes("boom")))
				.satisfies((ex) -> assertThat(ex.getRemoteReason()).isEqualTo("handler: IllegalStateException"));
			assertThat(template.sendAndReceive("client", bytes("after"))).isEqualTo(bytes("AFTER"));
			assertThat(context.getBean("api-gateway", ZmqInboundGateway.class).isRunning()).isTrue();
		});
	}

	@Test
	void aGatewayWithConcurrencyServesManyRequestsAtOnceOnWorkerThreads() {
		server(Transport.TCP, "ROUTER", ConcurrentGateway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			List<CompletableFuture<byte[]>> replies = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				replies.add(template.sendAndReceiveAsync("client", bytes("r" + i)));
			}
			for (int i = 0; i < 40; i++) {
				String reply = new String(replies.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
						StandardCharsets.UTF_8);
				assertThat(reply).startsWith("R" + i + " on ").doesNotContain("zmq-socket-");
			}
		});
	}

	@Test
	void aFlowWithoutReplyWithinTheReplyTimeoutGetsTheErrorReply() {
		server(Transport.INPROC, "REP", SilentGateway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.sendAndReceive("client", bytes("anyone?")))
				.satisfies((ex) -> assertThat(ex.getRemoteReason()).isEqualTo("handler: MessageTimeoutException"));
		});
	}

	@Test
	void anErrorChannelFlowAnswersInsteadOfTheErrorReply() {
		server(Transport.TCP, "ROUTER", GatewayWithErrorChannel.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.sendAndReceive("client", bytes("boom"))).isEqualTo(bytes("fallback: boom"));
		});
	}

	@Test
	void headersOfTheHeaderFrameReachTheFlowWhenTheSocketsAllowThem() {
		server(Transport.TCP, "REP", TenantGateway.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.defaults.headers.allowed=app-*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				byte[] reply = template.sendAndReceiveAsync("client",
						MessageBuilder.withPayload("order").setHeader("app-tenant", "acme").setHeader("secret", "no").build(),
						TIMEOUT)
					.get()
					.getPayload();
				assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("order for acme, secret null");
			});
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String upperCase(String request) {
		if (request.equals("boom")) {
			throw new IllegalStateException("boom");
		}
		return request.toUpperCase();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class UpperCaseGateway {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundGateway("api").id("api-gateway").payloadType(String.class))
				.transform(InboundGatewayTests::upperCase)
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class ConcurrentGateway {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundGateway("api").payloadType(String.class).concurrency(4))
				.<String, String>transform((request) -> upperCase(request) + " on " + Thread.currentThread().getName())
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class InlineGateway {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq, Environment environment) {
			return IntegrationFlow
				.from(zmq.inboundGateway(ZmqSocketType.REP, environment.getRequiredProperty("api.endpoint"))
					.id("inlineRep")
					.payloadType(String.class))
				.transform(InboundGatewayTests::upperCase)
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class SilentGateway {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundGateway("api").replyTimeout(200))
				.handle((message) -> {
				})
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class GatewayWithErrorChannel {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq) {
			return IntegrationFlow
				.from(zmq.inboundGateway("api").payloadType(String.class).errorChannel("apiErrors"))
				.transform(InboundGatewayTests::upperCase)
				.get();
		}

		@Bean
		IntegrationFlow errorFlow() {
			return IntegrationFlow.from("apiErrors")
				.<org.springframework.messaging.MessagingException, String>transform(
						(failure) -> "fallback: " + failure.getFailedMessage().getPayload())
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class TenantGateway {

		@Bean
		IntegrationFlow api(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundGateway("api").payloadType(String.class))
				.handle(String.class,
						(payload, headers) -> payload + " for " + headers.get("app-tenant") + ", secret " + headers.get("secret"))
				.get();
		}

	}

}

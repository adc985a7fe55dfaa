package io.zmqspring.integration;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.PollableChannel;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.support.ErrorMessage;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.test.Handshakes;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbound gateway end to end: a flow's requests go through the template's correlating
 * DEALER on a real socket to a REP {@code @ZmqListener}, and the replies come back into the flow.
 */
class OutboundGatewayTests {

	/**
	 * Long enough for any reply on a busy machine; the requests the server ignores wait it out.
	 * Shorter than the starter's handshake interval: over tcp the tests that expect a reply first
	 * wait for the client's connection, which JeroMQ now and then stalls for that interval.
	 */
	static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	private ApplicationContextRunner client(Transport transport, Class<?> flow) {
		String endpoint = transport.endpoint();
		return this.runner.withUserConfiguration(flow, EchoServer.class)
			.withPropertyValues("server.endpoint=@" + endpoint, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + endpoint);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void theReplyIsConvertedAndSentOnWithTheRequestsHeaders(Transport transport) {
		client(transport, SyncGatewayFlow.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Handshakes.awaitGreeted(context, transport, "client", 1);
			MessageChannel requests = context.getBean("requests", MessageChannel.class);
			PollableChannel replies = context.getBean("replies", PollableChannel.class);
			requests.send(MessageBuilder.withPayload("price").setHeader("order", 42).build());
			Message<?> reply = Received.next(replies);
			assertThat(reply.getPayload()).isEqualTo("re:price");
			assertThat(reply.getHeaders()).containsEntry("order", 42).containsEntry(ZmqHeaders.SOCKET, "client");
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void anAsyncGatewaySendsTheReplyOnOffTheSocketsThread(Transport transport) {
		client(transport, AsyncGatewayFlow.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Handshakes.awaitGreeted(context, transport, "client", 1);
			MessageChannel requests = context.getBean("requests", MessageChannel.class);
			PollableChannel replies = context.getBean("replies", PollableChannel.class);
			for (int i = 0; i < 20; i++) {
				requests.send(MessageBuilder.withPayload("n" + i).build());
			}
			for (int i = 0; i < 20; i++) {
				Message<?> reply = Received.next(replies);
				assertThat((String) reply.getPayload()).startsWith("re:n");
				assertThat(reply.getHeaders().get("thread", String.class)).doesNotStartWith("zmq-socket-");
			}
		});
	}

	@Test
	void anErrorReplyFailsTheRequestWithTheRemoteReason() {
		client(Transport.INPROC, SyncGatewayFlow.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MessageChannel requests = context.getBean("requests", MessageChannel.class);
			assertThatExceptionOfType(MessageHandlingException.class)
				.isThrownBy(() -> requests.send(MessageBuilder.withPayload("boom").build()))
				.havingRootCause()
				.isInstanceOfSatisfying(ZmqRemoteException.class,
						(ex) -> assertThat(ex.getRemoteReason()).isEqualTo("handler: IllegalStateException"));
			requests.send(MessageBuilder.withPayload("after").build());
			assertThat(Received.next(context.getBean("replies", PollableChannel.class)).getPayload())
				.isEqualTo("re:after");
		});
	}

	@Test
	void aRequestWithoutReplyWithinTheReplyTimeoutFails() {
		client(Transport.TCP, SyncGatewayFlow.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MessageChannel requests = context.getBean("requests", MessageChannel.class);
			assertThatExceptionOfType(MessageHandlingException.class)
				.isThrownBy(() -> requests.send(MessageBuilder.withPayload("silence").build()))
				.withRootCauseInstanceOf(ZmqReplyTimeoutException.class);
		});
	}

	@Test
	void anAsyncRequestThatFailsGoesToTheErrorChannel() {
		client(Transport.TCP, AsyncGatewayFlow.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MessageChannel requests = context.getBean("requests", MessageChannel.class);
			PollableChannel failures = context.getBean("failures", PollableChannel.class);
			requests.send(MessageBuilder.withPayload("silence").setErrorChannel(failures).build());
			Message<?> error = Received.next(failures);
			assertThat(error).isInstanceOf(ErrorMessage.class);
			assertThat((Throwable) error.getPayload()).isInstanceOf(MessagingException.class)
				.hasRootCauseInstanceOf(ZmqReplyTimeoutException.class);
		});
	}

	@Test
	void headersTravelInTheHeaderFrameWhenTheSocketsAllowThem() {
		client(Transport.TCP, SyncGatewayFlow.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.defaults.headers.allowed=app-*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Handshakes.awaitGreeted(context, "client", 1);
				MessageChannel requests = context.getBean("requests", MessageChannel.class);
				requests.send(MessageBuilder.withPayload("tenant").setHeader("app-tenant", "acme").build());
				assertThat(Received.next(context.getBean("replies", PollableChannel.class)).getPayload())
					.isEqualTo("re:tenant for acme");
			});
	}

	/** A REP server: answers {@code re:} + the request, fails on {@code boom}, ignores {@code silence}. */
	@Configuration(proxyBeanMethods = false)
	static class EchoServer {

		@ZmqListener(id = "echo", type = "ROUTER", endpoints = "${server.endpoint}")
		String echo(String request, @Header(name = "app-tenant", required = false) String tenant) {
			if (request.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			if (request.equals("silence")) {
				return null;
			}
			return "re:" + request + ((tenant != null) ? " for " + tenant : "");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class SyncGatewayFlow {

		@Bean
		IntegrationFlow requestFlow(ZmqIntegration zmq) {
			return IntegrationFlow.from("requests")
				.handle(zmq.outboundGateway("client").replyPayloadType(String.class).replyTimeout(REPLY_TIMEOUT))
				.channel((channels) -> channels.queue("replies"))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class AsyncGatewayFlow {

		@Bean
		IntegrationFlow requestFlow(ZmqIntegration zmq) {
			return IntegrationFlow.from("requests")
				.handle(zmq.outboundGateway("client")
					.async(true)
					.replyPayloadType(String.class)
					.replyTimeout(REPLY_TIMEOUT))
				.enrichHeaders((headers) -> headers.headerFunction("thread", (message) -> Thread.currentThread().getName()))
				.channel((channels) -> channels.queue("replies"))
				.get();
		}

		@Bean
		PollableChannel failures() {
			return new QueueChannel();
		}

	}


}

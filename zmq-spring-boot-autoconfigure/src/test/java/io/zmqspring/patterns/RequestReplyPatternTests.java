package io.zmqspring.patterns;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * REQ/REP end to end: a template REQ socket against a REP listener.
 */
class RequestReplyPatternTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	private ApplicationContextRunner requestReply(Transport transport, Class<?> listeners) {
		String endpoint = transport.endpoint();
		return this.runner.withUserConfiguration(listeners)
			.withPropertyValues("rpc=" + endpoint, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + endpoint, "zmq.template.reply-timeout=20s");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void repliesMatchTheirRequests(Transport transport) {
		requestReply(transport, EchoListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.convertSendAndReceive("client", "first", String.class)).isEqualTo("echo:first");
			List<CompletableFuture<byte[]>> replies = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				replies.add(template.sendAndReceiveAsync("client", ("request-" + i).getBytes()));
			}
			for (int i = 0; i < replies.size(); i++) {
				assertThat(new String(replies.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)))
					.isEqualTo("echo:request-" + i);
			}
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void jsonRecordRequestGetsJsonRecordResponse(Transport transport) {
		requestReply(transport, PricingListener.class)
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				Price price = template.convertSendAndReceive("client", new Quote("ZMQ", 3, new BigDecimal("2.50")),
						Price.class);
				assertThat(price).isEqualTo(new Price("ZMQ", new BigDecimal("7.50")));
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void failingHandlerAnswersWithAnErrorReplyAndKeepsServing(Transport transport) {
		requestReply(transport, PickyListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.convertSendAndReceive("client", "boom", String.class))
				.satisfies((ex) -> assertThat(ex.getRemoteReason()).contains("IllegalArgumentException"));
			assertThat(template.convertSendAndReceive("client", "fine", String.class)).isEqualTo("ok:fine");
			assertThat(context.getBean(PickyListener.class).calls).hasValue(2);
		});
	}

	record Quote(String symbol, int quantity, BigDecimal unitPrice) {
	}

	record Price(String symbol, BigDecimal total) {
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String echo(String request) {
			return "echo:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PricingListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		Price price(Quote quote) {
			return new Price(quote.symbol(), quote.unitPrice().multiply(BigDecimal.valueOf(quote.quantity())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PickyListener {

		final AtomicInteger calls = new AtomicInteger();

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String handle(String request) {
			this.calls.incrementAndGet();
			if (request.equals("boom")) {
				throw new IllegalArgumentException("no boom please");
			}
			return "ok:" + request;
		}

	}

}

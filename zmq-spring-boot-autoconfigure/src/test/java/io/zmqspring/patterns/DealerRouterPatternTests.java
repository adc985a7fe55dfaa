package io.zmqspring.patterns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DEALER/ROUTER end to end: template DEALER sockets against a ROUTER listener.
 */
class DealerRouterPatternTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(RouterListener.class);

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void routerListenerSeesTheRoutingIdAndReplies(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner
			.withPropertyValues("router=" + endpoint, "zmq.sockets.dealer.type=DEALER",
					"zmq.sockets.dealer.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				byte[] reply = template.sendAndReceive("dealer", "hello".getBytes(StandardCharsets.UTF_8), TIMEOUT);
				RouterListener listener = context.getBean(RouterListener.class);
				assertThat(listener.routingIds).singleElement().satisfies((id) -> assertThat(id).isNotEmpty());
				String routingId = new String(listener.routingIds.get(0), StandardCharsets.ISO_8859_1);
				assertThat(new String(reply, StandardCharsets.ISO_8859_1)).isEqualTo(routingId + "|hello");
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void repliesReachTheirRequesterWhenTwoDealersTalkAtOnce(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner
			.withPropertyValues("router=" + endpoint, "zmq.sockets.alice.type=DEALER",
					"zmq.sockets.alice.endpoints=>" + endpoint, "zmq.sockets.alice.routing-id=alice",
					"zmq.sockets.bob.type=DEALER", "zmq.sockets.bob.endpoints=>" + endpoint,
					"zmq.sockets.bob.routing-id=bob")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				List<CompletableFuture<List<byte[]>>> alice = new ArrayList<>();
				List<CompletableFuture<List<byte[]>>> bob = new ArrayList<>();
				for (int i = 0; i < 25; i++) {
					alice.add(template.sendAndReceiveAsync("alice", List.of(("a" + i).getBytes()), TIMEOUT));
					bob.add(template.sendAndReceiveAsync("bob", List.of(("b" + i).getBytes()), TIMEOUT));
				}
				for (int i = 0; i < 25; i++) {
					assertThat(lastFrame(alice.get(i))).isEqualTo("alice|a" + i);
					assertThat(lastFrame(bob.get(i))).isEqualTo("bob|b" + i);
				}
				assertThat(context.getBean(RouterListener.class).routingIds)
					.extracting((id) -> new String(id, StandardCharsets.UTF_8))
					.containsOnly("alice", "bob");
			});
	}

	private static String lastFrame(CompletableFuture<List<byte[]>> reply) throws Exception {
		List<byte[]> frames = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return new String(frames.get(frames.size() - 1), StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class RouterListener {

		final List<byte[]> routingIds = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "ROUTER", endpoints = "@${router}")
		byte[] route(@Header(ZmqHeaders.ROUTING_ID) byte[] routingId, byte[] request) {
			this.routingIds.add(routingId);
			byte[] reply = new byte[routingId.length + 1 + request.length];
			System.arraycopy(routingId, 0, reply, 0, routingId.length);
			reply[routingId.length] = '|';
			System.arraycopy(request, 0, reply, routingId.length + 1, request.length);
			return reply;
		}

	}

}

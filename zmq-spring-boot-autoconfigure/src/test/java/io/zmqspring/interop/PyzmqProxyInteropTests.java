package io.zmqspring.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.proxy.ZmqProxy;
import io.zmqspring.proxy.ZmqProxyRegistry;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proxies from {@code zmq.proxies} between real libzmq peers (pyzmq) on both sides.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqProxyInteropTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void forwarderCarriesPyzmqPublishersToPyzmqSubscribersOfTheirTopicOnly() {
		String frontend = FreePorts.tcp();
		String backend = FreePorts.tcp();
		this.contextRunner
			.withPropertyValues("zmq.proxies.market.frontend.type=XSUB", "zmq.proxies.market.frontend.endpoints=@" + frontend,
					"zmq.proxies.market.backend.type=XPUB", "zmq.proxies.market.backend.endpoints=@" + backend)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer weather = PyzmqPeer.startReady("peer.py", "sub", ">" + backend, "weather", "20");
						PyzmqPeer everything = PyzmqPeer.startReady("peer.py", "sub", ">" + backend, "-", "20");
						PyzmqPeer publisher = PyzmqPeer.startReady("peer.py", "pub", ">" + frontend, "weather",
								"sports")) {
					weather.awaitLine("DONE");
					everything.awaitLine("DONE");
					publisher.finish();
					weather.finish();
					everything.finish();
					assertThat(weather.texts("MESSAGE")).hasSize(20)
						.allSatisfy((frames) -> assertThat(frames.get(0)).isEqualTo("weather"));
					assertThat(everything.texts("MESSAGE")).extracting((frames) -> frames.get(0))
						.contains("weather", "sports");
					ZmqProxy proxy = context.getBean(ZmqProxyRegistry.class).getProxy("market");
					assertThat(proxy.getMessages(ZmqProxy.Direction.FRONTEND_TO_BACKEND)).isGreaterThanOrEqualTo(40);
					assertThat(proxy.getMessages(ZmqProxy.Direction.BACKEND_TO_FRONTEND))
						.as("the subscriptions went upstream through the proxy")
						.isPositive();
				}
			});
	}

	@Test
	void queueServesPyzmqReqClientsWithPyzmqRepWorkers() {
		String frontend = FreePorts.tcp();
		String backend = FreePorts.tcp();
		List<String> first = IntStream.range(0, 5).mapToObj((i) -> "a" + i).toList();
		List<String> second = IntStream.range(0, 5).mapToObj((i) -> "b" + i).toList();
		this.contextRunner
			.withPropertyValues("zmq.sockets.clients.type=ROUTER", "zmq.sockets.clients.endpoints=@" + frontend,
					"zmq.sockets.workers.type=DEALER", "zmq.sockets.workers.endpoints=@" + backend,
					"zmq.proxies.jobs.frontend=clients", "zmq.proxies.jobs.backend=workers")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer worker1 = PyzmqPeer.startReady("peer.py", "rep", ">" + backend, "w1");
						PyzmqPeer worker2 = PyzmqPeer.startReady("peer.py", "rep", ">" + backend, "w2");
						PyzmqPeer client1 = PyzmqPeer.startReady("req_client.py", args(frontend, first));
						PyzmqPeer client2 = PyzmqPeer.startReady("req_client.py", args(frontend, second))) {
					client1.awaitSuccess();
					client2.awaitSuccess();
					assertThat(client1.texts("REPLY")).extracting((frames) -> frames.get(0))
						.satisfiesExactly(replies(first));
					assertThat(client2.texts("REPLY")).extracting((frames) -> frames.get(0))
						.satisfiesExactly(replies(second));
					worker1.finish();
					worker2.finish();
					ZmqProxy proxy = context.getBean(ZmqProxyRegistry.class).getProxy("jobs");
					assertThat(proxy.getMessages(ZmqProxy.Direction.FRONTEND_TO_BACKEND)).isEqualTo(10);
					assertThat(proxy.getMessages(ZmqProxy.Direction.BACKEND_TO_FRONTEND)).isEqualTo(10);
				}
			});
	}

	@Test
	void streamerPassesEveryMessageOfAPyzmqPushToAPyzmqPullInOrder() {
		String frontend = FreePorts.tcp();
		String backend = FreePorts.tcp();
		List<String> tasks = IntStream.range(0, 100).mapToObj((i) -> "task-" + i).toList();
		this.contextRunner
			.withPropertyValues("zmq.proxies.pipeline.frontend.type=PULL", "zmq.proxies.pipeline.frontend.endpoints=@" + frontend,
					"zmq.proxies.pipeline.backend.type=PUSH", "zmq.proxies.pipeline.backend.endpoints=@" + backend)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer pull = PyzmqPeer.startReady("peer.py", "pull", ">" + backend, "100");
						PyzmqPeer push = PyzmqPeer.start("peer.py", pushArgs(frontend, tasks))) {
					pull.awaitLine("DONE");
					push.finish();
					pull.finish();
					assertThat(pull.texts("MESSAGE")).extracting((frames) -> frames.get(0))
						.containsExactlyElementsOf(tasks);
					ZmqProxy proxy = context.getBean(ZmqProxyRegistry.class).getProxy("pipeline");
					await().atMost(TIMEOUT)
						.until(() -> proxy.getMessages(ZmqProxy.Direction.FRONTEND_TO_BACKEND) == 100);
					assertThat(proxy.getMessages(ZmqProxy.Direction.BACKEND_TO_FRONTEND)).isZero();
				}
			});
	}

	private static String[] args(String endpoint, List<String> bodies) {
		String[] args = new String[bodies.size() + 1];
		args[0] = endpoint;
		for (int i = 0; i < bodies.size(); i++) {
			args[i + 1] = bodies.get(i);
		}
		return args;
	}

	private static String[] pushArgs(String endpoint, List<String> bodies) {
		String[] rest = args(">" + endpoint, bodies);
		String[] all = new String[rest.length + 1];
		all[0] = "push";
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	@SuppressWarnings("unchecked")
	private static java.util.function.Consumer<String>[] replies(List<String> bodies) {
		return bodies.stream()
			.map((body) -> (java.util.function.Consumer<String>) (reply) -> assertThat(reply)
				.isIn("w1:" + body, "w2:" + body))
			.toArray(java.util.function.Consumer[]::new);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}

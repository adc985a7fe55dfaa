package io.zmqspring.interop;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * MessagePack between the starter and a Python peer: pyzmq with Debian's python3-msgpack decodes
 * what the template writes, and a listener reads what Python's msgpack wrote. Needs
 * {@code python3-msgpack} as well as pyzmq; with {@code CI=true} a missing module fails.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqMessagePackInteropTests {

	private static final List<Order> received = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@BeforeAll
	static void pythonHasMsgpack() throws Exception {
		Process probe = new ProcessBuilder(PyzmqPeer.PYTHON, "-I", "-c", "import msgpack").redirectErrorStream(true)
			.start();
		boolean available = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
		probe.destroyForcibly();
		if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(
					"CI=true, so the MessagePack interop tests must run, but " + PyzmqPeer.PYTHON
							+ " cannot import msgpack; install Debian's python3-msgpack");
		}
		assumeThat(available).as(PyzmqPeer.PYTHON + " can import msgpack (apt-get install python3-msgpack)").isTrue();
	}

	@Test
	void pythonDecodesTheMessagePackTheTemplateWrites() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer python = PyzmqPeer.startReady("msgpack_peer.py", "pull", endpoint, "1")) {
			this.runner
				.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint,
						"zmq.sockets.out.content-type=application/msgpack")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(ZmqTemplate.class)
						.convertAndSend("out", new Order(3_000_000_000L, "café", List.of(1.5, -2.0), new byte[] { 1, 2 }));
					assertThat(python.awaitLine("DECODED")).isEqualTo(
							"DECODED {\"id\": 3000000000, \"item\": \"caf\\u00e9\", \"signature\": [1, 2], \"weights\": [1.5, -2.0]}");
				});
			python.awaitSuccess();
		}
	}

	@Test
	void aListenerReadsTheMessagePackPythonWrites() {
		String endpoint = FreePorts.tcp();
		received.clear();
		this.runner.withUserConfiguration(OrderListener.class)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer python = PyzmqPeer.start("msgpack_peer.py", "push", endpoint,
						"{\"id\": 7, \"item\": \"tea\", \"weights\": [0.25], \"signature\": \"bin:ff00\"}")) {
					python.awaitSuccess();
				}
				org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !received.isEmpty());
				Order order = received.get(0);
				assertThat(order.id()).isEqualTo(7);
				assertThat(order.item()).isEqualTo("tea");
				assertThat(order.weights()).containsExactly(0.25);
				assertThat(order.signature()).containsExactly((byte) 0xff, 0);
			});
	}

	record Order(long id, String item, List<Double> weights, byte[] signature) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderListener {

		@ZmqListener(socket = "in", contentType = "application/msgpack")
		void onOrder(Order order) {
			received.add(order);
		}

	}

}

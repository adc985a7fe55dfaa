package io.zmqspring.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZCert;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CURVE and PLAIN against libzmq (pyzmq), both ways: pyzmq clients against listeners whose
 * peers the starter's ZAP handler checks, and the template against pyzmq servers that run
 * pyzmq's own ThreadAuthenticator.
 */
@ExtendWith(PyzmqAvailable.class)
class SecurityPyzmqInteropTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.template.reply-timeout=15s");

	@Test
	void pyzmqCurveClientIsServedByACurveListener() {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Echo.class)
			.withPropertyValues("zmq.sockets.server.type=REP", "zmq.sockets.server.endpoints=@" + endpoint)
			.withPropertyValues(TestCurve.server("server", server, client.publicKey))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer peer = PyzmqPeer.startReady("secure_peer.py", "curve-client", endpoint,
						server.publicKey, client.publicKey, client.secretKey, "3")) {
					peer.awaitSuccess();
					assertThat(replies(peer)).containsExactly("echo:py-0", "echo:py-1", "echo:py-2");
				}
			});
	}

	@Test
	void pyzmqCurveClientWithAnUnknownKeyIsRefused() {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		ZMQ.Curve.KeyPair stranger = TestCurve.keyPair();
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Echo.class)
			.withPropertyValues("zmq.sockets.server.type=REP", "zmq.sockets.server.endpoints=@" + endpoint)
			.withPropertyValues(TestCurve.server("server", server, client.publicKey))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer peer = PyzmqPeer.start("secure_peer.py", "curve-client", endpoint, server.publicKey,
						stranger.publicKey, stranger.secretKey, "1")) {
					peer.awaitLine("READY");
					peer.close();
				}
				assertThat(context.getBean(Echo.class).received).hasValue(0);
			});
	}

	@Test
	void templateCurveClientIsServedByAPyzmqCurveServerWithItsAuthenticator(@TempDir Path clients)
			throws Exception {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		new ZCert(client.publicKey, null).savePublic(clients.resolve("client.key").toString());
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer peer = PyzmqPeer.startReady("secure_peer.py", "curve-server", endpoint, server.publicKey,
				server.secretKey, clients.toString(), "2")) {
			this.runner
				.withPropertyValues("zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint)
				.withPropertyValues(TestCurve.client("client", client, server.publicKey))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThat(template.convertSendAndReceive("client", "one", String.class)).isEqualTo("py:one");
					assertThat(template.convertSendAndReceive("client", "two", String.class)).isEqualTo("py:two");
				});
			peer.finish();
		}
	}

	@Test
	void pyzmqPlainClientIsServedByAPlainListener() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Echo.class)
			.withPropertyValues("zmq.sockets.server.type=REP", "zmq.sockets.server.endpoints=@" + endpoint,
					"zmq.sockets.server.security.mechanism=PLAIN",
					"zmq.sockets.server.security.plain.users.alice=wonderland")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer peer = PyzmqPeer.startReady("secure_peer.py", "plain-client", endpoint, "alice",
						"wonderland", "2")) {
					peer.awaitSuccess();
					assertThat(replies(peer)).containsExactly("echo:py-0", "echo:py-1");
				}
			});
	}

	@Test
	void templatePlainClientIsServedByAPyzmqPlainServer() {
		String endpoint = FreePorts.tcp();
		try (PyzmqPeer peer = PyzmqPeer.startReady("secure_peer.py", "plain-server", endpoint, "alice", "wonderland",
				"1")) {
			this.runner
				.withPropertyValues("zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint,
						"zmq.sockets.client.security.mechanism=PLAIN",
						"zmq.sockets.client.security.plain.username=alice",
						"zmq.sockets.client.security.plain.password=wonderland")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(ZmqTemplate.class).convertSendAndReceive("client", "one", String.class))
						.isEqualTo("py:one");
				});
			peer.finish();
		}
	}

	private static List<String> replies(PyzmqPeer peer) {
		return peer.awaitSuccess()
			.stream()
			.filter((line) -> line.startsWith("REPLY "))
			.map((line) -> line.substring("REPLY ".length()))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Echo {

		final AtomicInteger received = new AtomicInteger();

		@ZmqListener(socket = "server")
		String echo(String request) {
			this.received.incrementAndGet();
			return "echo:" + request;
		}

	}

}

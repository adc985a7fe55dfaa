package io.zmqspring.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZCert;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CURVE server whose allowed client keys are the certificates in a directory picks up added
 * and removed certificates without a restart.
 */
class CertificateDirectoryTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(SecurityDenialTests.Metrics.class, SecureEchoListeners.Server.class);

	@Test
	void addingACertificateLetsItsClientInAndRemovingItKeepsNewConnectionsOut(@TempDir Path clients)
			throws Exception {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		String endpoint = FreePorts.tcp();
		Files.writeString(clients.toAbsolutePath().resolve("README"), "not a certificate");
		this.runner
			.withPropertyValues("zmq.sockets.server.type=REP", "zmq.sockets.server.endpoints=@" + endpoint,
					"zmq.sockets.server.security.mechanism=CURVE",
					"zmq.sockets.server.security.curve.public-key=" + server.publicKey,
					"zmq.sockets.server.security.curve.secret-key=" + server.secretKey,
					"zmq.sockets.server.security.curve.allowed-keys-directory=" + clients)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				SecureEchoListeners.Server listener = context.getBean(SecureEchoListeners.Server.class);
				try (ZContext zmq = new ZContext()) {
					try (ZMQ.Socket refused = client(zmq, endpoint, client, server)) {
						refused.send("good-but-unknown");
						await().atMost(Duration.ofSeconds(10)).until(() -> unknownKeyDenials(meters) >= 1);
					}
					Path certificate = clients.resolve("client.key");
					new ZCert(client.publicKey, null).savePublic(certificate.toString());
					try (ZMQ.Socket admitted = client(zmq, endpoint, client, server)) {
						admitted.send("good-known");
						assertThat(admitted.recvStr()).isEqualTo("echo:good-known");
					}
					Files.delete(certificate);
					double before = unknownKeyDenials(meters);
					try (ZMQ.Socket refusedAgain = client(zmq, endpoint, client, server)) {
						refusedAgain.send("good-removed");
						await().atMost(Duration.ofSeconds(10)).until(() -> unknownKeyDenials(meters) > before);
					}
				}
				assertThat(listener.good).hasValue(1);
				assertThat(listener.other).hasValue(0);
			});
	}

	private static ZMQ.Socket client(ZContext zmq, String endpoint, ZMQ.Curve.KeyPair client,
			ZMQ.Curve.KeyPair server) {
		ZMQ.Socket socket = zmq.createSocket(SocketType.REQ);
		socket.setLinger(0);
		socket.setReceiveTimeOut(10_000);
		// a short handshake interval retries JeroMQ's own stalled connects quickly (see README)
		socket.setHandshakeIvl(1000);
		socket.setReconnectIVL(50);
		socket.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
		socket.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
		socket.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey));
		socket.connect(endpoint);
		return socket;
	}

	private static double unknownKeyDenials(MeterRegistry meters) {
		Counter counter = meters.find("zmq.security.denials").tag("reason", "unknown-key").counter();
		return (counter != null) ? counter.count() : 0;
	}

}

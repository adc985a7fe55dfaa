package io.zmqspring.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Well over a thousand refused handshakes (no security, wrong server key, unknown client key,
 * wrong password, denied address) while an authorised client keeps being served: not one
 * refused peer's message reaches a listener, and every refusal is counted.
 */
class SecurityDenialTests {

	private static final int ATTEMPTS = 1000;

	private static final int BATCH = 25;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(Metrics.class, SecureEchoListeners.Server.class, SecureEchoListeners.PlainServer.class,
				SecureEchoListeners.Guarded.class)
		// longer than twice the handshake interval a connect JeroMQ stalls waits out
		.withPropertyValues("zmq.template.reply-timeout=20s");

	@Test
	void refusedPeersNeverReachTheListenerWhileAnAuthorisedClientIsServed() {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		String curve = FreePorts.tcp();
		String plain = FreePorts.tcp();
		String guarded = FreePorts.tcp();
		this.runner
			.withPropertyValues("zmq.sockets.server.type=REP", "zmq.sockets.server.endpoints=@" + curve,
					"zmq.sockets.plainServer.type=REP", "zmq.sockets.plainServer.endpoints=@" + plain,
					"zmq.sockets.plainServer.security.mechanism=PLAIN",
					"zmq.sockets.plainServer.security.plain.users.alice=wonderland", "zmq.sockets.guarded.type=REP",
					"zmq.sockets.guarded.endpoints=@" + guarded,
					"zmq.sockets.guarded.security.denied-addresses=127.0.0.1", "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + curve)
			.withPropertyValues(TestCurve.server("server", server, client.publicKey))
			.withPropertyValues(TestCurve.client("client", client, server.publicKey))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicInteger served = new AtomicInteger();
				AtomicReference<Throwable> clientFailure = new AtomicReference<>();
				Thread authorised = new Thread(() -> {
					int i = 0;
					while (running.get()) {
						try {
							String reply = template.convertSendAndReceive("client", "good-" + i, String.class);
							assertThat(reply).isEqualTo("echo:good-" + i);
							served.incrementAndGet();
							i++;
						}
						catch (Throwable ex) {
							clientFailure.set(ex);
							return;
						}
					}
				}, "authorised-client");
				authorised.start();
				int attempts = 0;
				try (ZContext attackers = new ZContext()) {
					List<Attack> attacks = List.of(
							// JeroMQ drops a peer whose mechanism differs before any handshake
							// event: it only shows as a disconnect
							new Attack("no security", curve, (socket) -> {
							}, () -> disconnects(meters, "server")),
							new Attack("wrong server key", curve, (socket) -> {
								ZMQ.Curve.KeyPair own = TestCurve.keyPair();
								socket.setCurvePublicKey(ZMQ.Curve.z85Decode(own.publicKey));
								socket.setCurveSecretKey(ZMQ.Curve.z85Decode(own.secretKey));
								socket.setCurveServerKey(ZMQ.Curve.z85Decode(TestCurve.keyPair().publicKey));
							}, () -> denials(meters, "handshake-failed")),
							new Attack("unknown client key", curve, (socket) -> {
								ZMQ.Curve.KeyPair own = TestCurve.keyPair();
								socket.setCurvePublicKey(ZMQ.Curve.z85Decode(own.publicKey));
								socket.setCurveSecretKey(ZMQ.Curve.z85Decode(own.secretKey));
								socket.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey));
							}, () -> denials(meters, "unknown-key")),
							new Attack("wrong password", plain, (socket) -> {
								socket.setPlainUsername("alice");
								socket.setPlainPassword("not-wonderland");
							}, () -> denials(meters, "wrong-password")),
							new Attack("denied address", guarded, (socket) -> {
							}, () -> denials(meters, "address-denied")));
					while (attempts < ATTEMPTS) {
						for (Attack attack : attacks) {
							double before = attack.counted().get();
							List<ZMQ.Socket> sockets = new ArrayList<>();
							for (int i = 0; i < BATCH; i++) {
								sockets.add(attacker(attackers, attack.endpoint(), attack.security()));
							}
							await().atMost(Duration.ofSeconds(30))
								.pollInterval(Duration.ofMillis(20))
								.alias(attack.name())
								.until(() -> attack.counted().get() >= before + BATCH);
							sockets.forEach(ZMQ.Socket::close);
							attempts += BATCH;
						}
					}
				}
				finally {
					running.set(false);
					authorised.join(30_000);
				}
				assertThat(clientFailure.get()).isNull();
				assertThat(served.get()).isPositive();
				assertThat(context.getBean(SecureEchoListeners.Server.class).other).hasValue(0);
				assertThat(context.getBean(SecureEchoListeners.Server.class).good).hasValue(served.get());
				assertThat(context.getBean(SecureEchoListeners.PlainServer.class).other).hasValue(0);
				assertThat(context.getBean(SecureEchoListeners.Guarded.class).received).hasValue(0);
				assertThat(attempts).isGreaterThanOrEqualTo(ATTEMPTS);
				assertThat(meters.find("zmq.security.denials").tag("socket", "server").counter().getId()
					.getTag("domain")).isEqualTo("server");
			});
	}

	private static ZMQ.Socket attacker(ZContext context, String endpoint, Consumer<ZMQ.Socket> security) {
		ZMQ.Socket socket = context.createSocket(SocketType.REQ);
		socket.setLinger(0);
		// JeroMQ now and then stalls a fresh connect before its handshake; retry it quickly
		socket.setHandshakeIvl(1000);
		socket.setReconnectIVL(50);
		security.accept(socket);
		socket.connect(endpoint);
		socket.send("attack", ZMQ.DONTWAIT);
		return socket;
	}

	private static double disconnects(MeterRegistry meters, String socket) {
		Counter counter = meters.find("zmq.socket.disconnects").tag("socket", socket).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static double denials(MeterRegistry meters, String reason) {
		return meters.find("zmq.security.denials").tag("reason", reason).counters().stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	record Attack(String name, String endpoint, Consumer<ZMQ.Socket> security, Supplier<Double> counted) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}

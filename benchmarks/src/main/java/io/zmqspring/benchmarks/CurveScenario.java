package io.zmqspring.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.template.ZmqTemplate;

/**
 * 10: CURVE PUSH to PULL over tcp: raw NULL, raw CURVE (its cost against NULL), and the starter
 * with CURVE from properties only ({@code zmq.sockets.<name>.security.*}), template {@code tx}
 * (client) into a {@code @ZmqListener} on {@code rx} (server) in one application.
 * <p>
 * The raw CURVE server runs no ZAP handler (it accepts any client key), the starter's does (it
 * checks the allowed keys). ZAP is asked once per connection, at the handshake, so it does not
 * weigh on throughput; the per-message cost of CURVE is the encryption of every frame.
 * <p>
 * Spring Boot ignores properties it does not know, so a starter without CURVE support would start
 * and run the scenario as NULL. Before measuring, the scenario checks that the listener socket really
 * is a CURVE server: a raw client without keys must not deliver to it. If one does, the starter row
 * says that CURVE is not available in this build instead of giving a figure.
 */
final class CurveScenario {

	private static final String LISTENER_THREAD = "zmq-socket-rx";

	/** How long a probe message that must not arrive is given to arrive. */
	private static final long REFUSED_WAIT_NANOS = 3_000_000_000L;

	private final Harness harness;

	CurveScenario(Harness harness) {
		this.harness = harness;
	}

	List<Row> run(String scenario) throws Exception {
		ZMQ.Curve.KeyPair server = keyPair();
		ZMQ.Curve.KeyPair client = keyPair();
		Row rawNull = raw(scenario, "raw NULL", this.harness.messages(1_000_000), Raw.NO_OPTIONS, Raw.NO_OPTIONS);
		Row rawCurve = raw(scenario, "raw CURVE", this.harness.messages(300_000), curveServer(server),
				curveClient(client, server.publicKey))
			.withRatio(rawNull.median(), "vs raw NULL (raw without ZAP)");
		List<Row> rows = new ArrayList<>(List.of(rawNull, rawCurve));
		rows.add(starter(scenario, server, client, rawCurve));
		return rows;
	}

	private Row raw(String scenario, String variant, long messages, Consumer<ZMQ.Socket> serverOptions,
			Consumer<ZMQ.Socket> clientOptions) throws Exception {
		try (ZContext senderContext = new ZContext(1); ZContext receiverContext = new ZContext(1)) {
			String endpoint = Endpoints.tcp();
			try (Raw.Receiver receiver = new Raw.Receiver(receiverContext, SocketType.PULL, endpoint, true, "raw-rx",
					Raw.DISCARD, serverOptions)) {
				ZMQ.Socket push = Raw.push(senderContext, endpoint, clientOptions);
				Row row = this.harness.throughput(scenario, variant, messages,
						(count) -> ThroughputScenarios.pushAndAwait(push, Bench.PAYLOAD, count, receiver.count),
						ThreadSet.named("raw-rx"));
				push.setLinger(0);
				push.close();
				return row;
			}
		}
	}

	private Row starter(String scenario, ZMQ.Curve.KeyPair server, ZMQ.Curve.KeyPair client, Row rawCurve)
			throws Exception {
		long messages = this.harness.messages(300_000);
		String endpoint = Endpoints.tcp();
		ConfigurableApplicationContext app;
		try {
			// Raw runs sender and receiver on two contexts of one I/O thread each, and CURVE is
			// CPU work on the I/O threads: the app gets the same two I/O threads
			app = StarterApp.start(Listeners.CurveListener.class, "zmq.context.io-threads=2",
					"zmq.sockets.rx.type=PULL",
					"zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.rx.security.mechanism=CURVE",
					"zmq.sockets.rx.security.server=true",
					"zmq.sockets.rx.security.curve.public-key=" + server.publicKey,
					"zmq.sockets.rx.security.curve.secret-key=" + server.secretKey,
					"zmq.sockets.rx.security.curve.allowed-keys=" + client.publicKey, "zmq.sockets.tx.type=PUSH",
					"zmq.sockets.tx.endpoints=>" + endpoint, "zmq.sockets.tx.security.mechanism=CURVE",
					"zmq.sockets.tx.security.server=false",
					"zmq.sockets.tx.security.curve.public-key=" + client.publicKey,
					"zmq.sockets.tx.security.curve.secret-key=" + client.secretKey,
					"zmq.sockets.tx.security.curve.server-key=" + server.publicKey);
		}
		catch (RuntimeException ex) {
			return unavailable(scenario, "the application does not start with the security properties: " + rootCause(ex));
		}
		try (app) {
			Probe probe = probe(app, endpoint, server);
			if (probe.failure() != null) {
				return unavailable(scenario, probe.failure());
			}
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			Row row = this.harness.throughput(scenario, "starter CURVE", messages, (count) -> {
				long target = Listeners.COUNT.get() + count;
				for (long i = 0; i < count; i++) {
					template.send("tx", Bench.PAYLOAD);
				}
				Harness.awaitCount(Listeners.COUNT, target);
			}, ThreadSet.named(LISTENER_THREAD));
			Row ratio = row.withRatio(rawCurve.median(), "vs raw CURVE");
			return (probe.note() != null) ? new Row(ratio.scenario(), ratio.variant(), ratio.metric(), ratio.median(),
					ratio.rounds(), ratio.bytesPerMessage(), ratio.ratio(), ratio.note() + "; " + probe.note()) : ratio;
		}
	}

	/**
	 * Check that the starter's sockets really speak CURVE: the template reaches the listener, a raw
	 * client without keys does not; a CURVE client whose key is not allowed should not either.
	 */
	private Probe probe(ConfigurableApplicationContext app, String endpoint, ZMQ.Curve.KeyPair server) {
		ZmqTemplate template = app.getBean(ZmqTemplate.class);
		long before = Listeners.COUNT.get();
		template.send("tx", Bench.PAYLOAD);
		try {
			Harness.awaitCount(Listeners.COUNT::get, before + 1, 10);
		}
		catch (IllegalStateException ex) {
			return new Probe("the template's message over CURVE never reached the listener (handshake failed?)",
					null);
		}
		if (delivers(endpoint, Raw.NO_OPTIONS)) {
			return new Probe("a raw client without keys delivered to rx, so rx is not a CURVE server"
					+ " (zmq.sockets.<name>.security.* ignored)", null);
		}
		String note = delivers(endpoint, curveClient(keyPair(), server.publicKey))
				? "a CURVE client whose key is not in allowed-keys delivered to rx (no ZAP check)" : null;
		return new Probe(null, note);
	}

	/** Whether one message from a raw PUSH with these options reaches the listener. */
	private static boolean delivers(String endpoint, Consumer<ZMQ.Socket> options) {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket push = Raw.push(context, endpoint, options);
			long before = Listeners.COUNT.get();
			push.send(Bench.PAYLOAD, ZMQ.DONTWAIT);
			long deadline = System.nanoTime() + REFUSED_WAIT_NANOS;
			boolean delivered = false;
			while (!delivered && System.nanoTime() - deadline < 0) {
				LockSupport.parkNanos(10_000_000);
				delivered = Listeners.COUNT.get() > before;
			}
			push.setLinger(0);
			push.close();
			return delivered;
		}
	}

	private static Row unavailable(String scenario, String reason) {
		System.err.println("Scenario 10: starter CURVE not available in this build: " + reason);
		return new Row(scenario, "starter CURVE", "n/a", 0, List.of(), null, null,
				"starter CURVE not available in this build: " + reason);
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	static Consumer<ZMQ.Socket> curveServer(ZMQ.Curve.KeyPair server) {
		return (socket) -> {
			socket.setCurveServer(true);
			socket.setCurvePublicKey(ZMQ.Curve.z85Decode(server.publicKey));
			socket.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey));
			requireCurve(socket);
		};
	}

	static Consumer<ZMQ.Socket> curveClient(ZMQ.Curve.KeyPair client, String serverPublicKey) {
		return (socket) -> {
			socket.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
			socket.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
			socket.setCurveServerKey(ZMQ.Curve.z85Decode(serverPublicKey));
			requireCurve(socket);
		};
	}

	private static void requireCurve(ZMQ.Socket socket) {
		if (socket.getMechanism() != ZMQ.Socket.Mechanism.CURVE) {
			throw new IllegalStateException("Raw socket is " + socket.getMechanism() + ", not CURVE");
		}
	}

	/**
	 * A key pair whose Z85 text has no {@code ${}: Z85 uses {@code $} and {@code {}, and Spring
	 * would read such a key, given as a property, as a placeholder ({@code ${a:b}} even resolves to
	 * {@code b}).
	 */
	static ZMQ.Curve.KeyPair keyPair() {
		while (true) {
			ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
			if (!pair.publicKey.contains("${") && !pair.secretKey.contains("${")) {
				return pair;
			}
		}
	}

	private record Probe(@Nullable String failure, @Nullable String note) {
	}

}

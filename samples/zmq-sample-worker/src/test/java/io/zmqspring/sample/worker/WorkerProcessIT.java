package io.zmqspring.sample.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the worker the way users do, {@code java -jar} of the repackaged jar in a process of its
 * own: it must stay up after startup, serve, and end cleanly within its shutdown timeouts on
 * SIGTERM; with the observability profile, its health, endpoint and meters answer over HTTP.
 */
class WorkerProcessIT {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Path JAR = Path.of("target", "zmq-sample-worker.jar");

	/** The keys of application-curve.yml. */
	private static final String SERVER_PUBLIC_KEY = "lZ+p6g^+u/j<x0Boqv3?]o:R0U-1uBuwnYJzi^Z}";

	private static final String CLIENT_PUBLIC_KEY = "64+z(zBnl&LVnA/tskG7*Asbt7g)h9qoIq.**!+t";

	private static final String CLIENT_SECRET_KEY = "Id:U(uqhGUnEObPLXHyMY>x*0SCt>x)j0dv7aZLZ";

	private Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	@AfterEach
	void destroy() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void listenerOnlyWorkerStaysUpServesAndExitsOnSigterm() throws Exception {
		assertThat(JAR).exists();
		String endpoint = "tcp://127.0.0.1:" + freePort();
		startAndAwait(endpoint);
		try (ZContext client = new ZContext()) {
			assertThat(request(client.createSocket(SocketType.REQ), endpoint, 20_000)).isEqualTo("HELLO");
		}
		// Long after "Started", still there: nothing but the listener keeps it alive
		assertThat(this.process.waitFor(2, TimeUnit.SECONDS)).as("the worker exited by itself").isFalse();

		long stopping = System.nanoTime();
		this.process.destroy();
		assertThat(this.process.waitFor(15, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
		// zmq.listener.stop-timeout=2s and zmq.context.shutdown-timeout=2s bound the shutdown
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(8));
		assertThat(this.process.exitValue()).isIn(0, 143);
		assertThat(this.output).noneMatch((line) -> line.contains("Exception"));
	}

	@Test
	void curveProfileServesOnlyTheAllowedClientAndLogsTheRefusedKey() throws Exception {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		startAndAwait(endpoint, "--spring.profiles.active=curve");
		ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
		try (ZContext client = new ZContext()) {
			ZMQ.Socket allowed = client.createSocket(SocketType.REQ);
			allowed.setCurvePublicKey(CLIENT_PUBLIC_KEY.getBytes(ZMQ.CHARSET));
			allowed.setCurveSecretKey(CLIENT_SECRET_KEY.getBytes(ZMQ.CHARSET));
			allowed.setCurveServerKey(SERVER_PUBLIC_KEY.getBytes(ZMQ.CHARSET));
			assertThat(request(allowed, endpoint, 20_000)).isEqualTo("HELLO");

			ZMQ.Socket refused = client.createSocket(SocketType.REQ);
			refused.setCurvePublicKey(stranger.publicKey.getBytes(ZMQ.CHARSET));
			refused.setCurveSecretKey(stranger.secretKey.getBytes(ZMQ.CHARSET));
			refused.setCurveServerKey(SERVER_PUBLIC_KEY.getBytes(ZMQ.CHARSET));
			connect(refused, endpoint);
			refused.send("hello");
			// The worker logs the refused client's public key (never a secret one)
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.output.stream().anyMatch((line) -> line.contains(stranger.publicKey)));
			refused.setReceiveTimeOut(0);
			assertThat(refused.recvStr()).isNull();
		}
		this.process.destroy();
		assertThat(this.process.waitFor(15, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
		assertThat(this.output).noneMatch((line) -> line.contains("=srv()D&b") || line.contains(stranger.secretKey));
	}

	@Test
	void observabilityProfileServesHealthTheZmqEndpointAndMetersOverHttp() throws Exception {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		int httpPort = freePort();
		String http = "http://127.0.0.1:" + httpPort;
		startAndAwait(endpoint, "--spring.profiles.active=observability", "--server.port=" + httpPort);
		try (ZContext client = new ZContext()) {
			assertThat(request(client.createSocket(SocketType.REQ), endpoint, 20_000)).isEqualTo("HELLO");
		}
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> health = get(httpClient, http + "/actuator/health/zmq");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"worker\"").doesNotContain("secret");
		assertThat(get(httpClient, http + "/actuator/zmq").body()).contains("\"listeners\"").contains("REP");
		// the meters follow the traffic: wait for the scrape to show the request
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> received = get(httpClient, http + "/actuator/metrics/zmq.socket.messages.received");
			assertThat(received.statusCode()).isEqualTo(200);
			assertThat(received.body()).contains("\"value\":1.0");
		});
		String prometheus = get(httpClient, http + "/actuator/prometheus").body();
		assertThat(prometheus).contains("zmq_socket_messages_received")
			// the listener invocation, observed and recorded as a timer
			.containsPattern("zmq_listener_seconds_count\\{[^}]*zmq_listener_id=\"worker\"[^}]*\\} 1");
		this.process.destroy();
		assertThat(this.process.waitFor(15, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
	}

	private static HttpResponse<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void startAndAwait(String endpoint, String... arguments) throws IOException {
		start(endpoint, arguments);
		await().atMost(STARTUP).until(() -> started() || !this.process.isAlive());
		assertThat(this.process.isAlive()).as("alive after startup; output:%n%s", String.join("\n", this.output))
			.isTrue();
	}

	private static String request(ZMQ.Socket req, String endpoint, int timeoutMillis) {
		connect(req, endpoint);
		req.setReceiveTimeOut(timeoutMillis);
		req.send("hello");
		return req.recvStr();
	}

	private static void connect(ZMQ.Socket req, String endpoint) {
		// A short handshake interval retries JeroMQ's own stalled connects quickly (see README)
		req.setHandshakeIvl(1000);
		req.setReconnectIVL(50);
		req.connect(endpoint);
	}

	private boolean started() {
		return this.output.stream().anyMatch((line) -> line.contains("Started WorkerApplication"));
	}

	private void start(String endpoint, String... arguments) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", JAR.toString(),
				"--worker.endpoint=@" + endpoint, "--zmq.context.shutdown-timeout=2s",
				"--zmq.listener.stop-timeout=2s"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.redirectErrorStream(true);
		this.process = builder.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "worker-output");
		reader.setDaemon(true);
		reader.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

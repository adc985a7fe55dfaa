package io.zmqspring.sample.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
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
 * SIGTERM.
 */
class WorkerProcessIT {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Path JAR = Path.of("target", "zmq-sample-worker.jar");

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
		start(endpoint);
		await().atMost(STARTUP).until(() -> started() || !this.process.isAlive());
		assertThat(this.process.isAlive()).as("alive after startup; output:%n%s", String.join("\n", this.output))
			.isTrue();

		try (ZContext client = new ZContext()) {
			ZMQ.Socket req = client.createSocket(SocketType.REQ);
			req.setReceiveTimeOut(20_000);
			// A short handshake interval retries JeroMQ's own stalled connects quickly (see README)
			req.setHandshakeIvl(1000);
			req.connect(endpoint);
			req.send("hello");
			assertThat(req.recvStr()).isEqualTo("HELLO");
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

	private boolean started() {
		return this.output.stream().anyMatch((line) -> line.contains("Started WorkerApplication"));
	}

	private void start(String endpoint) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString(),
				"--worker.endpoint=@" + endpoint, "--zmq.context.shutdown-timeout=2s",
				"--zmq.listener.stop-timeout=2s");
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

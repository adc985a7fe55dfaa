package io.zmqspring.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs a listener-only service the way users do, as a process of its own: it must stay up after
 * startup, serve, and end cleanly within the shutdown timeout on SIGTERM.
 */
class ListenerOnlyServiceTests {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	@AfterEach
	void destroy() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void listenerOnlyServiceStaysUpServesAndExitsOnSigterm() throws Exception {
		String endpoint = FreePorts.tcp();
		start(endpoint);
		await().atMost(STARTUP).until(() -> started() || !this.process.isAlive());
		assertThat(this.process.isAlive()).as("alive after startup; output:%n%s", String.join("\n", this.output))
			.isTrue();

		try (ZContext client = new ZContext()) {
			ZMQ.Socket req = client.createSocket(SocketType.REQ);
			req.setReceiveTimeOut(20_000);
			req.setHandshakeIvl(1000);
			req.connect(endpoint);
			req.send("hello");
			assertThat(req.recvStr()).isEqualTo("HELLO");
		}
		// Long after "Started", still there: nothing but the listener keeps it alive
		assertThat(this.process.waitFor(2, TimeUnit.SECONDS)).as("the service exited by itself").isFalse();

		long stopping = System.nanoTime();
		this.process.destroy();
		assertThat(this.process.waitFor(15, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
		// zmq.context.shutdown-timeout=2s and zmq.listener.stop-timeout=2s, with room for a slow start of the JVM's
		// shutdown hooks
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(8));
		assertThat(this.process.exitValue()).isIn(0, 143);
		assertThat(this.output).anySatisfy((line) -> assertThat(line).contains("Started ListenerOnlyApp"));
	}

	private boolean started() {
		return this.output.stream().anyMatch((line) -> line.contains("Started ListenerOnlyApp"));
	}

	private void start(String endpoint) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				ListenerOnlyApp.class.getName(), "--service.endpoint=" + endpoint,
				"--zmq.context.shutdown-timeout=2s", "--zmq.listener.stop-timeout=2s");
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
		}, "listener-only-app-output");
		reader.setDaemon(true);
		reader.start();
	}

}

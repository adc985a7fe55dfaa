package io.zmqspring.sample.patterns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zmqspring.test.support.ZmqRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One part of a sample, run the way users run it: {@code java -jar} of the repackaged jar in a
 * process of its own, its output recorded line by line. The JVM gets C1 only and the serial
 * collector, which halve its startup time on a small machine and change nothing else.
 */
final class SampleProcess implements AutoCloseable {

	static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Path JAR = Path.of("target", "zmq-sample-patterns.jar");

	private final String name;

	private final Process process;

	private final ZmqRecorder<String> output = new ZmqRecorder<>();

	private SampleProcess(String name, List<String> command) throws IOException {
		this.name = name;
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.redirectErrorStream(true);
		this.process = builder.start();
		Thread reader = new Thread(this::read, "output-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a sample's part.
	 * @param name what to call it in failures
	 * @param arguments the arguments after {@code java -jar zmq-sample-patterns.jar}
	 * @return the process
	 */
	static SampleProcess start(String name, String... arguments) {
		assertThat(JAR).as("the repackaged jar; run the IT with mvn verify").exists();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
		command.addAll(List.of(arguments));
		try {
			return new SampleProcess(name, command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait until the process printed a line that contains a text.
	 * @param text the text
	 * @param timeout the longest wait
	 * @return the line
	 */
	String awaitLine(String text, Duration timeout) {
		try {
			return this.output.await((line) -> line.contains(text), timeout);
		}
		catch (AssertionError ex) {
			throw new AssertionError(this.name + " (alive: " + this.process.isAlive() + ") did not print '" + text
					+ "'; its output:\n" + String.join("\n", this.output.received()), ex);
		}
	}

	/**
	 * Wait until the process printed Spring Boot's "Started" line: its sockets are bound.
	 * @return this process
	 */
	SampleProcess awaitStarted() {
		awaitLine("Started ", STARTUP);
		return this;
	}

	List<String> lines() {
		return this.output.received();
	}

	/**
	 * Type a line on the process's standard input.
	 * @param line the line
	 */
	void type(String line) {
		try {
			OutputStream input = this.process.getOutputStream();
			input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			input.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Kill the process without warning, as {@code kill -9} does. */
	void kill() {
		this.process.destroyForcibly();
	}

	/**
	 * Wait for the process to end by itself.
	 * @param timeout the longest wait
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) {
		try {
			assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
				.as("%s exits; its output:%n%s", this.name, String.join("\n", lines()))
				.isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		return this.process.exitValue();
	}

	/**
	 * Stop the process with SIGTERM, as Ctrl+C or a service manager does, and check that it ended
	 * cleanly: within its shutdown timeouts, with the exit code of a JVM ended by SIGTERM, and
	 * without an exception in its output.
	 */
	void terminate() {
		assertThat(this.process.isAlive()).as("%s still running; its output:%n%s", this.name,
				String.join("\n", lines()))
			.isTrue();
		this.process.destroy();
		// zmq.listener.stop-timeout and zmq.context.shutdown-timeout, 2s each, bound the shutdown
		assertThat(awaitExit(Duration.ofSeconds(15))).isIn(0, 143);
		assertThat(lines()).as(this.name).noneMatch((line) -> line.contains("Exception") || line.contains("ERROR"));
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				this.output.record(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

}

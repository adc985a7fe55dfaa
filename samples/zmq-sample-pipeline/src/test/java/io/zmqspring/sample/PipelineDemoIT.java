package io.zmqspring.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample the way README's "Try it" does, {@code java -jar} of the repackaged jar: the
 * pipeline, request-reply and publish-subscribe all work, and the process exits by itself with 0.
 */
class PipelineDemoIT {

	private static final Path JAR = Path.of("target", "zmq-sample-pipeline.jar");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process process;

	@AfterEach
	void destroy() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void demoRunsEveryPatternAndExitsByItself() throws Exception {
		assertThat(JAR).exists();
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		this.process = new ProcessBuilder(java.toString(), "-jar", JAR.toString()).redirectErrorStream(true).start();
		Thread reader = new Thread(this::read, "pipeline-demo-output");
		reader.setDaemon(true);
		reader.start();
		assertThat(this.process.waitFor(120, TimeUnit.SECONDS)).as("the demo ends by itself").isTrue();
		reader.join(5_000);
		assertThat(this.process.exitValue()).as(String.join("\n", this.output)).isZero();
		assertThat(this.output).anyMatch((line) -> line.startsWith("PUSH/PULL pipeline: 20 tasks"))
			.anyMatch((line) -> line.startsWith("REQ/REP: asked ZMQ, got"))
			.anyMatch((line) -> line.startsWith("SUB  received [weather]"))
			.contains("Demo finished: pipeline, request-reply and publish-subscribe all worked.")
			.noneMatch((line) -> line.contains("Exception"));
	}

	private void read() {
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
	}

}

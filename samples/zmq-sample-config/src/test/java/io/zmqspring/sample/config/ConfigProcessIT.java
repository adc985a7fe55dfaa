package io.zmqspring.sample.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample the way users do, {@code java -jar} of the repackaged jar: a server serving a
 * directory and two clients, each a process of its own. A change to a file reaches both
 * clients' beans, and SIGTERM ends all three cleanly.
 */
class ConfigProcessIT {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Path JAR = Path.of("target", "zmq-sample-config.jar");

	private final List<Started> processes = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void destroy() {
		this.processes.forEach((started) -> started.process().destroyForcibly());
	}

	@Test
	void changeOfAServedFileReachesBothClientsAndAllThreeExitOnSigterm() throws Exception {
		assertThat(JAR).exists();
		Path config = Files.createDirectory(this.directory.resolve("config"));
		write(config, "greeting.properties", "greeting.text=hello\n");
		String[] ports = { "--config.snapshot-port=" + freePort(), "--config.updates-port=" + freePort() };
		Started server = start("server", ports[0], ports[1], "--spring.profiles.active=server",
				"--zmq.config-server.directory=" + config);
		awaitLine(server, "Config server started");
		Started first = start("client-1", ports[0], ports[1], "--spring.profiles.active=client", "--sample.name=client-1");
		Started second = start("client-2", ports[0], ports[1], "--spring.profiles.active=client",
				"--sample.name=client-2");
		awaitLine(first, "client-1: greeting at startup is 'hello'");
		awaitLine(second, "client-2: greeting at startup is 'hello'");

		write(config, "greeting.properties", "greeting.text=bonjour\n");
		awaitLine(first, "client-1: greeting.text changed to 'bonjour'");
		awaitLine(second, "client-2: greeting.text changed to 'bonjour'");
		awaitLine(first, "client-1: greeting is now 'bonjour'");
		awaitLine(second, "client-2: greeting is now 'bonjour'");

		for (Started started : this.processes) {
			started.process().destroy();
		}
		for (Started started : this.processes) {
			assertThat(started.process().waitFor(15, TimeUnit.SECONDS)).as("%s exits on SIGTERM", started.name())
				.isTrue();
			assertThat(started.process().exitValue()).as(started.name()).isIn(0, 143);
			assertThat(started.output()).as(started.name()).noneMatch((line) -> line.contains("Exception"));
		}
	}

	private void awaitLine(Started started, String text) {
		await().atMost(STARTUP)
			.until(() -> started.output().stream().anyMatch((line) -> line.contains(text))
					|| !started.process().isAlive());
		assertThat(started.output()).as("%s logs '%s'; output:%n%s", started.name(), text,
				String.join("\n", started.output()))
			.anyMatch((line) -> line.contains(text));
	}

	private Started start(String name, String... arguments) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString(),
				"--config.host=127.0.0.1"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.redirectErrorStream(true);
		Process process = builder.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					output.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, name + "-output");
		reader.setDaemon(true);
		reader.start();
		Started started = new Started(name, process, output);
		this.processes.add(started);
		return started;
	}

	/** Replace a file in one step, so that the server never reads half of it. */
	private void write(Path config, String name, String content) throws IOException {
		Path temporary = Files.createTempFile(this.directory, name, ".tmp");
		Files.writeString(temporary, content);
		Files.move(temporary, config.resolve(name), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private record Started(String name, Process process, List<String> output) {
	}

}

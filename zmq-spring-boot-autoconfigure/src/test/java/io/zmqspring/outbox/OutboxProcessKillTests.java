package io.zmqspring.outbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's promise with real processes: a sender and a receiver JVM (a small Spring Boot
 * application each, {@link OutboxSenderApp} and {@link OutboxReceiverApp}) stream 10,000
 * messages while each of them is killed with {@code kill -9} ({@link Process#destroyForcibly()})
 * twice and started again, at points chosen by how far the stream got. In the end every message
 * was handled, and each exactly once: the handler was never handed a message a second time
 * except flagged as a possible duplicate, which happens only to a message a killed receiver's
 * handler had, and its record then shows it once.
 */
class OutboxProcessKillTests {

	private static final int COUNT = 10_000;

	private static final Duration STEP = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private final int port = FreePorts.next();

	private final List<Process> processes = new ArrayList<>();

	private int started;

	@AfterEach
	void stopProcesses() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void everyMessageIsHandledOnceWhileSenderAndReceiverAreKilledAndRestarted() throws Exception {
		Process receiver = start(OutboxReceiverApp.class, receiverArguments());
		Process sender = start(OutboxSenderApp.class, senderArguments());
		awaitHandled(1_500);
		kill(receiver);
		// the sender goes on storing while nobody receives
		awaitSent(4_000);
		kill(sender);
		receiver = start(OutboxReceiverApp.class, receiverArguments());
		sender = start(OutboxSenderApp.class, senderArguments());
		awaitHandled(5_500);
		kill(receiver);
		receiver = start(OutboxReceiverApp.class, receiverArguments());
		awaitHandled(7_000);
		kill(sender);
		sender = start(OutboxSenderApp.class, senderArguments());
		await().atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> distinct(handled()) == COUNT);

		List<String> handled = handled();
		assertThat(handled).hasSize(COUNT).doesNotHaveDuplicates();
		Set<String> expected = new HashSet<>();
		for (int i = 0; i < COUNT; i++) {
			expected.add("m" + i);
		}
		assertThat(new HashSet<>(handled)).isEqualTo(expected);
		Map<String, Integer> calls = new HashMap<>();
		List<String> again = new ArrayList<>();
		for (String line : lines("invocations.log")) {
			String message = line.split(" ")[0];
			if (calls.merge(message, 1, Integer::sum) > 1) {
				again.add(line);
			}
		}
		assertThat(again).as("handed to the handler again").allMatch((line) -> line.endsWith(" possible-duplicate"));
		// only what a killed receiver's handler had (one at a time) comes back flagged
		assertThat(again).hasSizeLessThanOrEqualTo(2);
		System.out.println("OutboxProcessKillTests: " + handled.size() + " handled once, " + again.size()
				+ " handed again flagged as possible duplicates, " + this.started + " processes started");
	}

	private List<String> receiverArguments() {
		return List.of("--zmq.sockets.in.type=ROUTER", "--zmq.sockets.in.endpoints=@tcp://127.0.0.1:" + this.port,
				"--zmq.sockets.in.outbox.dedup.enabled=true",
				"--zmq.sockets.in.outbox.directory=" + this.directory.resolve("receiver"),
				"--zmq.sockets.in.outbox.dedup.sync=batch", "--journal=" + this.directory.resolve("journal"));
	}

	private List<String> senderArguments() {
		return List.of("--zmq.sockets.out.type=DEALER", "--zmq.sockets.out.endpoints=>tcp://127.0.0.1:" + this.port,
				"--zmq.sockets.out.outbox.enabled=true",
				"--zmq.sockets.out.outbox.directory=" + this.directory.resolve("sender"),
				"--zmq.sockets.out.outbox.sync=batch", "--zmq.sockets.out.outbox.ack-timeout=1s",
				"--zmq.sockets.out.handshake-interval=1s", "--zmq.sockets.out.reconnect-interval=50ms",
				"--zmq.sockets.out.reconnect-interval-max=100ms", "--count=" + COUNT, "--pace-nanos=300000",
				"--journal=" + this.directory.resolve("journal"));
	}

	private Process start(Class<?> main, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-Djava.net.preferIPv4Stack=true", main.getName()));
		command.addAll(arguments);
		File log = this.directory.resolve(main.getSimpleName() + "-" + (++this.started) + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		this.processes.add(process);
		return process;
	}

	private static void kill(Process process) throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

	private void awaitHandled(int count) {
		await().atMost(STEP).pollInterval(Duration.ofMillis(20)).until(() -> handled().size() >= count);
	}

	private void awaitSent(int count) {
		await().atMost(STEP).pollInterval(Duration.ofMillis(20)).until(() -> lines("sent.log").size() >= count);
	}

	private List<String> handled() {
		return lines("handled.log");
	}

	private static long distinct(List<String> lines) {
		return lines.stream().distinct().count();
	}

	private List<String> lines(String name) {
		Path file = this.directory.resolve("journal").resolve(name);
		try {
			// a line still being written has no end yet
			String text = Files.exists(file) ? Files.readString(file) : "";
			int end = text.lastIndexOf('\n');
			return (end < 0) ? List.of() : List.of(text.substring(0, end).split("\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

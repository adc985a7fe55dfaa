package io.zmqspring.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A main class of the test class path run in a JVM of its own, with a heap of its own. Its
 * output lines are kept to wait for; everything it prints goes to the test's output too, prefixed.
 */
final class JavaProcess implements AutoCloseable {

	private static final String END = "\u0000end";

	private final String name;

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private JavaProcess(String name, Process process) {
		this.name = name;
		this.process = process;
		Thread reader = new Thread(this::read, "output-of-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a main class with the test's class path.
	 * @param name how to call it in the output
	 * @param maxHeap the {@code -Xmx} value, for example {@code 512m}
	 * @param main the main class
	 * @param args its arguments
	 * @return the running process
	 */
	static JavaProcess start(String name, String maxHeap, Class<?> main, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + maxHeap);
		command.add("-Djava.net.preferIPv4Stack=true");
		for (String role : List.of("receive", "send")) {
			String extra = System.getProperty("transfer.peer." + role);
			if (extra != null) {
				command.add("-Dtransfer.peer." + role + "=" + extra);
			}
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(List.of(args));
		try {
			return new JavaProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				System.out.println("[" + this.name + "] " + line);
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		finally {
			this.lines.add(END);
		}
	}

	/**
	 * Wait for the next line that starts with a prefix.
	 * @param prefix the prefix
	 * @param timeout the longest wait
	 * @return the line, without the prefix
	 */
	String awaitLine(String prefix, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				String line = this.lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (line == null) {
					fail("No line starting with '%s' from %s within %s", prefix, this.name, timeout);
				}
				if (line == END) {
					this.lines.add(END);
					fail("%s ended before printing a line starting with '%s'", this.name, prefix);
				}
				if (line.startsWith(prefix)) {
					return line.substring(prefix.length()).trim();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
		}
	}

	/** Kill the process at once, as {@code kill -9} does, and wait for it to be gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			fail("%s did not die within 30 s of SIGKILL", this.name);
		}
	}

	/**
	 * Wait for the process to end by itself.
	 * @param timeout the longest wait
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			fail("%s did not end within %s", this.name, timeout);
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}

package io.zmqspring.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.fail;

/**
 * A pyzmq peer: one of the scripts under {@code src/test/resources/pyzmq} run by Debian's
 * python3. The scripts print a {@code READY} line once their socket is bound or connected, one
 * line per message as {@code TAG hex,hex,...} (one hex string per frame), and end on their own
 * within a bounded time. Every wait here is bounded too; {@link #close()} always ends the
 * process.
 */
final class PyzmqPeer implements AutoCloseable {

	/**
	 * The interpreter with Debian's python3-zmq; the {@code python3} on the PATH may lack it. The
	 * system property {@code pyzmq.python} names another one.
	 */
	static final String PYTHON = System.getProperty("pyzmq.python", "/usr/bin/python3");

	/** Longer than the scripts' own 20 s deadline, so they report their failure first. */
	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String END_OF_OUTPUT = "\u0000end of output";

	private final String description;

	private final Process process;

	private final Writer input;

	private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final Thread outputReader;

	private final Thread errorReader;

	private PyzmqPeer(String description, Process process) {
		this.description = description;
		this.process = process;
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.outputReader = reader(process.getInputStream(), (line) -> {
			this.output.add(line);
			this.unread.add(line);
		}, "stdout");
		this.errorReader = reader(process.getErrorStream(), this.errors::add, "stderr");
	}

	/**
	 * Start a script.
	 * @param script the file name under {@code pyzmq/} on the test classpath
	 * @param args the script's arguments
	 * @return the running peer
	 */
	static PyzmqPeer start(String script, String... args) {
		List<String> command = new ArrayList<>(List.of(PYTHON, "-u", "-I", scriptPath(script).toString()));
		command.addAll(Arrays.asList(args));
		try {
			Process process = new ProcessBuilder(command).start();
			return new PyzmqPeer(script + " " + String.join(" ", args), process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	/**
	 * Start a script and wait for its {@code READY} line.
	 * @param script the file name under {@code pyzmq/}
	 * @param args the script's arguments
	 * @return the peer, bound or connected
	 */
	static PyzmqPeer startReady(String script, String... args) {
		PyzmqPeer peer = start(script, args);
		try {
			peer.awaitLine("READY");
			return peer;
		}
		catch (RuntimeException | Error ex) {
			peer.close();
			throw ex;
		}
	}

	/**
	 * Wait for the next output line that starts with a prefix; lines before it are skipped here
	 * but kept for {@link #frames(String)}.
	 * @param prefix the prefix
	 * @return the line
	 */
	String awaitLine(String prefix) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		try {
			while (true) {
				String line = this.unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (line == null) {
					fail("No line starting with '%s' from %s within %s%s", prefix, this.description, WAIT, report());
				}
				if (line == END_OF_OUTPUT) {
					this.unread.add(END_OF_OUTPUT);
					fail("%s ended before printing a line starting with '%s'%s", this.description, prefix, report());
				}
				if (line.startsWith(prefix)) {
					return line;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.description, ex);
		}
	}

	/**
	 * Write a line to the script's stdin.
	 * @param line the line, without line break
	 */
	void tell(String line) {
		try {
			this.input.write(line + "\n");
			this.input.flush();
		}
		catch (IOException ex) {
			fail("Could not write '%s' to %s: %s%s", line, this.description, ex, report());
		}
	}

	/**
	 * Close the script's stdin, which tells a server script to close its socket and exit, then
	 * wait for it to end and check that it succeeded.
	 * @return all lines it printed
	 */
	List<String> finish() {
		try {
			this.input.close();
		}
		catch (IOException ex) {
			// the script already ended; its exit code tells how
		}
		return awaitSuccess();
	}

	/**
	 * Wait for the script to end by itself and check that it succeeded.
	 * @return all lines it printed
	 */
	List<String> awaitSuccess() {
		try {
			if (!this.process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				fail("%s did not end within %s%s", this.description, WAIT, report());
			}
			this.outputReader.join(WAIT.toMillis());
			this.errorReader.join(WAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.description, ex);
		}
		if (this.process.exitValue() != 0) {
			fail("%s failed with exit code %d%s", this.description, this.process.exitValue(), report());
		}
		return List.copyOf(this.output);
	}

	/**
	 * Return the frames of every output line with a tag, in order.
	 * @param tag for example {@code REPLY}
	 * @return one list of frames per line
	 */
	List<List<byte[]>> frames(String tag) {
		String prefix = tag + " ";
		List<List<byte[]>> messages = new ArrayList<>();
		for (String line : this.output) {
			if (line.startsWith(prefix)) {
				messages.add(Arrays.stream(line.substring(prefix.length()).split(",", -1))
					.map(HexFormat.of()::parseHex)
					.toList());
			}
		}
		return messages;
	}

	/**
	 * Return the frames of every output line with a tag as UTF-8 text, in order.
	 * @param tag for example {@code REPLY}
	 * @return one list of texts per line
	 */
	List<List<String>> texts(String tag) {
		return frames(tag).stream()
			.map((frames) -> frames.stream().map((frame) -> new String(frame, StandardCharsets.UTF_8)).toList())
			.toList();
	}

	/**
	 * Send the script a signal with {@code kill}, for example {@code STOP} to freeze it, sockets
	 * and connections left open, and {@code CONT} to let it go on.
	 * @param name the signal's name
	 */
	void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).start();
			if (!kill.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
				fail("kill -%s %s failed%s", name, this.description, report());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail("Interrupted while signalling %s", this.description);
		}
	}

	/** End the script if it still runs. */
	@Override
	public void close() {
		try {
			this.input.close();
		}
		catch (IOException ex) {
			// the script already ended
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private String report() {
		return "\n--- stdout of " + this.description + " ---\n" + String.join("\n", this.output) + "\n--- stderr ---\n"
				+ String.join("\n", this.errors);
	}

	private Thread reader(InputStream stream, Consumer<String> sink, String name) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					sink.accept(line);
				}
			}
			catch (IOException ex) {
				// the process was destroyed
			}
			finally {
				if (name.equals("stdout")) {
					this.unread.add(END_OF_OUTPUT);
				}
			}
		}, "pyzmq-" + name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static Path scriptPath(String script) {
		URL url = PyzmqPeer.class.getResource("/pyzmq/" + script);
		if (url == null) {
			throw new IllegalArgumentException("No script pyzmq/" + script + " on the test classpath");
		}
		try {
			if (url.getProtocol().equals("file")) {
				return Path.of(url.toURI());
			}
			Path copy = Files.createTempFile("pyzmq-", "-" + script);
			copy.toFile().deleteOnExit();
			try (InputStream in = url.openStream()) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}

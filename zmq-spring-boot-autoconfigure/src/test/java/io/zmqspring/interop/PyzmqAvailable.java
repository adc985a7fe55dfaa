package io.zmqspring.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where a real libzmq peer is at hand: {@code /usr/bin/python3} (or the
 * interpreter the system property {@code pyzmq.python} names) that can {@code import zmq}
 * (Debian's {@code python3-zmq}). Elsewhere each test is skipped, with a notice on stderr,
 * except when the environment variable {@code CI} is {@code true}: there a missing peer fails
 * the class, so CI can never pass without running the interop tests.
 */
final class PyzmqAvailable implements ExecutionCondition, BeforeAllCallback {

	private static final String INSTALL_HINT = "install Debian's python3-zmq (apt-get install python3-zmq)";

	private static volatile Probe probe;

	/** Skips each test (so reports count them as skipped) when the peer is missing outside CI. */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Probe result = probe();
		if (result.available() || isCi()) {
			return ConditionEvaluationResult.enabled("pyzmq peer checked: " + result.detail());
		}
		String message = context.getRequiredTestClass().getSimpleName() + " needs a pyzmq peer: " + result.detail()
				+ "; " + INSTALL_HINT;
		if (context.getTestMethod().isEmpty()) {
			System.err.println("[pyzmq interop] SKIPPED " + message + " (with CI=true this fails instead)");
			return ConditionEvaluationResult.enabled("tests are skipped one by one");
		}
		return ConditionEvaluationResult.disabled(message);
	}

	/** Fails the class when the peer is missing on CI, where the interop tests must run. */
	@Override
	public void beforeAll(ExtensionContext context) {
		Probe result = probe();
		if (!result.available() && isCi()) {
			throw new IllegalStateException("CI=true, so the pyzmq interop tests must run, but "
					+ context.getRequiredTestClass().getSimpleName() + " needs a pyzmq peer: " + result.detail() + "; "
					+ INSTALL_HINT);
		}
	}

	private static boolean isCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	private static Probe probe() {
		Probe result = probe;
		if (result == null) {
			synchronized (PyzmqAvailable.class) {
				result = probe;
				if (result == null) {
					result = runProbe();
					probe = result;
					if (result.available()) {
						System.err.println("[pyzmq interop] peer: " + PyzmqPeer.PYTHON + " with " + result.detail());
					}
				}
			}
		}
		return result;
	}

	private static Probe runProbe() {
		if (!Files.isExecutable(Path.of(PyzmqPeer.PYTHON))) {
			return new Probe(false, PyzmqPeer.PYTHON + " is not an executable file");
		}
		ProcessBuilder builder = new ProcessBuilder(PyzmqPeer.PYTHON, "-I", "-c",
				"import zmq; print('pyzmq %s, libzmq %s' % (zmq.pyzmq_version(), zmq.zmq_version()))")
			.redirectErrorStream(true);
		Process process = null;
		try {
			process = builder.start();
			process.getOutputStream().close();
			byte[] output;
			try (InputStream in = process.getInputStream()) {
				output = in.readNBytes(8192);
			}
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				return new Probe(false, PyzmqPeer.PYTHON + " did not answer within 20 s");
			}
			String text = new String(output, StandardCharsets.UTF_8).strip();
			if (process.exitValue() != 0) {
				String last = text.isEmpty() ? "exit " + process.exitValue() : text.lines().reduce((a, b) -> b).get();
				return new Probe(false, PyzmqPeer.PYTHON + " cannot import zmq (" + last + ")");
			}
			return new Probe(true, text);
		}
		catch (IOException ex) {
			return new Probe(false, PyzmqPeer.PYTHON + " could not be run (" + ex.getMessage() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Probe(false, "interrupted while probing " + PyzmqPeer.PYTHON);
		}
		finally {
			if (process != null) {
				process.destroyForcibly();
			}
		}
	}

	private record Probe(boolean available, String detail) {
	}

}

package io.zmqspring.test.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Checks a condition every few milliseconds until it holds or a timeout passes, for state that
 * offers nothing to wait on (counts kept by another thread).
 */
final class Waiting {

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private Waiting() {
	}

	/**
	 * Wait until a condition holds.
	 * @param condition the condition
	 * @param timeout the longest wait
	 * @param failure what to say when it still does not hold then
	 * @throws AssertionError with that text when the timeout passed
	 */
	static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError(failure.get() + " within " + timeout);
			}
			LockSupport.parkNanos(POLL_NANOS);
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting: " + failure.get());
			}
		}
	}

}

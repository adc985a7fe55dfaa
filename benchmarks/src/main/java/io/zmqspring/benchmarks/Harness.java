package io.zmqspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs rounds of a fixed number of messages after a warm-up, and reports the median rate and the
 * bytes allocated per message on the threads that do the work.
 */
final class Harness {

	/** The body of one round: moves {@code messages} messages and returns when all arrived. */
	@FunctionalInterface
	interface RoundBody {

		void run(long messages) throws Exception;

	}

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	final int warmupRounds;

	final int rounds;

	final double scale;

	Harness(int warmupRounds, int rounds, double scale) {
		this.warmupRounds = warmupRounds;
		this.rounds = rounds;
		this.scale = scale;
	}

	long messages(long base) {
		return Math.max(1000, (long) (base * this.scale));
	}

	/**
	 * Measure throughput: rounds of {@code messages} messages, median msg/s, and bytes allocated
	 * per message by the threads whose names {@code allocationThreads} gives (read after warm-up).
	 */
	Row throughput(String scenario, String variant, long messages, RoundBody body, ThreadSet allocationThreads)
			throws Exception {
		for (int i = 0; i < this.warmupRounds; i++) {
			body.run(messages);
		}
		long allocatedBefore = allocationThreads.allocatedBytes();
		List<Double> rates = new ArrayList<>();
		for (int i = 0; i < this.rounds; i++) {
			long start = System.nanoTime();
			body.run(messages);
			long elapsed = System.nanoTime() - start;
			rates.add(messages * 1e9 / elapsed);
		}
		long allocated = allocationThreads.allocatedBytes() - allocatedBefore;
		Double perMessage = allocationThreads.isEmpty() ? null : (double) allocated / (messages * (long) this.rounds);
		return new Row(scenario, variant, "msg/s", median(rates), rates, perMessage, null, "");
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double percentile(long[] sortedNanos, double percentile) {
		int index = (int) Math.min(sortedNanos.length - 1, Math.round(percentile / 100.0 * (sortedNanos.length - 1)));
		return sortedNanos[index] / 1000.0;
	}

	/** Wait, without burning a core, until a counter reaches a target. */
	static void awaitCount(LongSupplier count, long target, long timeoutSeconds) {
		long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
		while (count.getAsLong() < target) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Timed out: " + count.getAsLong() + " of " + target + " arrived");
			}
			LockSupport.parkNanos(200_000);
		}
	}

	static void awaitCount(AtomicLong count, long target) {
		awaitCount(count::get, target, 120);
	}

	/**
	 * Threads to measure allocation on, found by exact name or by the current thread.
	 */
	static final class ThreadSet {

		private final List<String> names;

		private final boolean includeCurrent;

		private final long currentId = Thread.currentThread().getId();

		private ThreadSet(boolean includeCurrent, List<String> names) {
			this.includeCurrent = includeCurrent;
			this.names = names;
		}

		static ThreadSet none() {
			return new ThreadSet(false, List.of());
		}

		static ThreadSet current(String... others) {
			return new ThreadSet(true, List.of(others));
		}

		static ThreadSet named(String... names) {
			return new ThreadSet(false, List.of(names));
		}

		boolean isEmpty() {
			return !this.includeCurrent && this.names.isEmpty();
		}

		long allocatedBytes() {
			long total = 0;
			if (this.includeCurrent) {
				total += THREADS.getThreadAllocatedBytes(this.currentId);
			}
			for (String name : this.names) {
				Thread thread = find(name);
				if (thread == null) {
					throw new IllegalStateException("No thread named " + name);
				}
				total += THREADS.getThreadAllocatedBytes(thread.getId());
			}
			return total;
		}

		private static @Nullable Thread find(String name) {
			for (Thread thread : Thread.getAllStackTraces().keySet()) {
				if (thread.getName().equals(name)) {
					return thread;
				}
			}
			return null;
		}

	}

}

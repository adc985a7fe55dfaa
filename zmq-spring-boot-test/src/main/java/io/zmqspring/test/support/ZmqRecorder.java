package io.zmqspring.test.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.util.Assert;

/**
 * Records what a listener received, and lets a test wait for it. Feed it from a
 * {@code @ZmqListener} of the test's own:
 * <pre class="code">
 * &#64;TestConfiguration
 * static class Audit {
 *     final ZmqRecorder&lt;Order&gt; orders = new ZmqRecorder&lt;&gt;();
 *
 *     &#64;ZmqListener(type = "PULL", endpoints = "@${zmq-test.endpoint.orders}")
 *     void order(Order order) { this.orders.record(order); }
 * }
 * ...
 * assertThat(audit.orders.await(3, Duration.ofSeconds(10))).extracting(Order::id).containsExactly(1, 2, 3);
 * </pre>
 * Safe to feed from any number of listener threads.
 *
 * @param <T> what is recorded
 *
 * @author zmq-spring-boot
 */
public class ZmqRecorder<T> implements Consumer<T> {

	private final Object monitor = new Object();

	private final List<T> items = new ArrayList<>();

	/**
	 * Record one item and wake up those waiting.
	 * @param item the item
	 */
	public void record(T item) {
		Assert.notNull(item, "'item' must not be null");
		synchronized (this.monitor) {
			this.items.add(item);
			this.monitor.notifyAll();
		}
	}

	@Override
	public void accept(T item) {
		record(item);
	}

	/**
	 * Wait until at least {@code count} items were recorded.
	 * @param count how many
	 * @param timeout the longest wait
	 * @return the first {@code count} items, in the order they were recorded
	 * @throws AssertionError if fewer arrived in time, naming those that did
	 */
	public List<T> await(int count, Duration timeout) {
		Assert.isTrue(count > 0, "'count' must be positive");
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.items.size() < count) {
				waitUntil(deadline, () -> "Recorded " + this.items.size() + " of " + count + " items within " + timeout
						+ ": " + this.items);
			}
			return List.copyOf(this.items.subList(0, count));
		}
	}

	/**
	 * Wait until an item that matches a condition was recorded, before or during the wait.
	 * @param condition what the item must satisfy
	 * @param timeout the longest wait
	 * @return the first such item
	 * @throws AssertionError if none arrived in time, naming the items that did
	 */
	public T await(Predicate<? super T> condition, Duration timeout) {
		Assert.notNull(condition, "'condition' must not be null");
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			int checked = 0;
			while (true) {
				for (; checked < this.items.size(); checked++) {
					if (condition.test(this.items.get(checked))) {
						return this.items.get(checked);
					}
				}
				waitUntil(deadline, () -> "No matching item among " + this.items.size() + " recorded within "
						+ timeout + ": " + this.items);
			}
		}
	}

	/**
	 * Wait for the first item.
	 * @param timeout the longest wait
	 * @return the first item recorded
	 * @throws AssertionError if none arrived in time
	 */
	public T awaitFirst(Duration timeout) {
		return await(1, timeout).get(0);
	}

	/**
	 * Return what was recorded so far, without waiting.
	 * @return the items, in the order they were recorded
	 */
	public List<T> received() {
		synchronized (this.monitor) {
			return List.copyOf(this.items);
		}
	}

	/** Wait on the monitor, held by the caller, for another item or the deadline. */
	private void waitUntil(long deadline, Supplier<String> failure) {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw new AssertionError(failure.get());
		}
		try {
			TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting: " + failure.get(), ex);
		}
	}

	/** Forget everything recorded, for example between tests sharing a context. */
	public void clear() {
		synchronized (this.monitor) {
			this.items.clear();
		}
	}

}

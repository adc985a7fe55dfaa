package io.zmqspring.sample.patterns.taskqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The queue's view of its workers: when each was last heard of, and which are idle, the one
 * idle longest first. A worker that is busy stays out of the idle list until it answers.
 */
class Workers {

	private final Map<String, Long> lastHeard = new HashMap<>();

	private final Deque<String> idle = new ArrayDeque<>();

	/**
	 * A worker sent a heartbeat.
	 * @param worker the worker's routing id
	 * @param nanos when, {@link System#nanoTime()}
	 * @return whether the worker is new: ready for its first task
	 */
	synchronized boolean heard(String worker, long nanos) {
		boolean fresh = this.lastHeard.put(worker, nanos) == null;
		if (fresh) {
			this.idle.addLast(worker);
		}
		return fresh;
	}

	/**
	 * A worker answered its task and is idle again.
	 * @param worker the worker's routing id
	 * @param nanos when, {@link System#nanoTime()}
	 */
	synchronized void answered(String worker, long nanos) {
		this.lastHeard.put(worker, nanos);
		if (!this.idle.contains(worker)) {
			this.idle.addLast(worker);
		}
	}

	/**
	 * Take the worker idle longest, which is busy from now on.
	 * @return the worker, or {@code null} if none is idle
	 */
	synchronized @Nullable String takeIdle() {
		return this.idle.pollFirst();
	}

	/**
	 * Forget the workers silent for longer than the expiry.
	 * @param expiry how long a live worker may be silent
	 * @param nanos now, {@link System#nanoTime()}
	 * @return the workers forgotten
	 */
	synchronized List<String> expire(Duration expiry, long nanos) {
		List<String> expired = new ArrayList<>();
		this.lastHeard.entrySet().removeIf((entry) -> {
			boolean silent = nanos - entry.getValue() > expiry.toNanos();
			if (silent) {
				expired.add(entry.getKey());
				this.idle.remove(entry.getKey());
			}
			return silent;
		});
		return expired;
	}

}

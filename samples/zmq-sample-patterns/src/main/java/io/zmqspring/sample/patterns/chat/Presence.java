package io.zmqspring.sample.patterns.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is in the room: everyone whose heartbeat the hub heard within the presence timeout.
 */
class Presence {

	private final Map<String, Long> lastHeard = new TreeMap<>();

	/**
	 * A heartbeat arrived.
	 * @param name whose
	 * @param nanos when, {@link System#nanoTime()}
	 * @return whether that one just joined
	 */
	synchronized boolean heard(String name, long nanos) {
		return this.lastHeard.put(name, nanos) == null;
	}

	/**
	 * Forget those silent for longer than the timeout.
	 * @param timeout the presence timeout
	 * @param nanos now, {@link System#nanoTime()}
	 * @return who left
	 */
	synchronized List<String> expire(Duration timeout, long nanos) {
		List<String> left = new ArrayList<>();
		this.lastHeard.entrySet().removeIf((entry) -> {
			boolean silent = nanos - entry.getValue() > timeout.toNanos();
			if (silent) {
				left.add(entry.getKey());
			}
			return silent;
		});
		return left;
	}

	synchronized List<String> present() {
		return List.copyOf(this.lastHeard.keySet());
	}

}

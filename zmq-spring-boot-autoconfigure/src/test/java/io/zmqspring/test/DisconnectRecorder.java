package io.zmqspring.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;

import io.zmqspring.event.ZmqSocketDisconnectedEvent;

/**
 * A bean that records every {@link ZmqSocketDisconnectedEvent} and when it arrived.
 */
public class DisconnectRecorder {

	private final List<Long> nanos = new CopyOnWriteArrayList<>();

	private final List<ZmqSocketDisconnectedEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	void disconnected(ZmqSocketDisconnectedEvent event) {
		this.nanos.add(System.nanoTime());
		this.events.add(event);
	}

	/**
	 * Return the {@link System#nanoTime()} at which each event arrived.
	 * @return the times, in order
	 */
	public List<Long> nanos() {
		return this.nanos;
	}

	/**
	 * Return how long after a moment the first disconnect since then arrived.
	 * @param sinceNanos the {@link System#nanoTime()} of the moment
	 * @return the time, or {@code null} if none arrived since
	 */
	public @Nullable Duration firstAfter(long sinceNanos) {
		for (long nanos : this.nanos) {
			if (nanos - sinceNanos > 0) {
				return Duration.ofNanos(nanos - sinceNanos);
			}
		}
		return null;
	}

	/**
	 * Return the events.
	 * @return the events, in order
	 */
	public List<ZmqSocketDisconnectedEvent> events() {
		return this.events;
	}

}

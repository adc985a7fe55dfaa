package io.zmqspring.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs at WARN at most once per interval and key, and at DEBUG otherwise, so that a peer
 * flooding a socket with bad input cannot flood the log. The WARN line says how many similar
 * events were logged at DEBUG since the previous one.
 *
 * @author zmq-spring-boot
 */
public final class ZmqRateLimitedLog {

	private static final int MAX_KEYS = 256;

	private static final String OTHER_KEY = "\u0000other";

	private final Log log;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	/**
	 * Create a log that warns at most once per interval and key.
	 * @param log the log to write to
	 * @param interval the shortest time between two WARN lines of one key
	 */
	public ZmqRateLimitedLog(Log log, java.time.Duration interval) {
		this(log, interval.toNanos(), System::nanoTime);
	}

	ZmqRateLimitedLog(Log log, long intervalNanos, LongSupplier nanoClock) {
		this.log = log;
		this.intervalNanos = intervalNanos;
		this.nanoClock = nanoClock;
	}

	/**
	 * Log one event.
	 * @param key what events are alike (keep the set of keys small)
	 * @param message the message
	 * @param ex the exception to attach, if any
	 * @return whether the event was logged at WARN
	 */
	public boolean warn(String key, String message, @Nullable Throwable ex) {
		Window window = window(key);
		long now = this.nanoClock.getAsLong();
		long last = window.lastWarn.get();
		if ((last == Long.MIN_VALUE || now - last >= this.intervalNanos) && window.lastWarn.compareAndSet(last, now)) {
			long suppressed = window.suppressed.getAndSet(0);
			String line = (suppressed > 0) ? message + " (" + suppressed + " similar events since the last report)"
					: message;
			if (ex != null) {
				this.log.warn(line, ex);
			}
			else {
				this.log.warn(line);
			}
			return true;
		}
		window.suppressed.incrementAndGet();
		if (this.log.isDebugEnabled()) {
			this.log.debug(message, ex);
		}
		return false;
	}

	private Window window(String key) {
		Window window = this.windows.get(key);
		if (window != null) {
			return window;
		}
		if (this.windows.size() >= MAX_KEYS) {
			return this.windows.computeIfAbsent(OTHER_KEY, (k) -> new Window());
		}
		return this.windows.computeIfAbsent(key, (k) -> new Window());
	}

	private static final class Window {

		final AtomicLong lastWarn = new AtomicLong(Long.MIN_VALUE);

		final AtomicLong suppressed = new AtomicLong();

	}

}

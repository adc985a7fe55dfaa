package io.zmqspring.sample.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * The quotes the subscribing flow received.
 */
@Component
class Board {

	private final List<String> quotes = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	void post(String quote) {
		this.quotes.add(quote);
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	List<String> quotes() {
		return List.copyOf(this.quotes);
	}

	/** Wait until a quote that contains the text is on the board. */
	boolean await(String text, long millis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		synchronized (this.monitor) {
			while (this.quotes.stream().noneMatch((quote) -> quote.contains(text))) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					return false;
				}
				this.monitor.wait(left);
			}
			return true;
		}
	}

}

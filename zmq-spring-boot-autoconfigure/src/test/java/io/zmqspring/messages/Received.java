package io.zmqspring.messages;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a test listener received, one element per message or batch, waited for with a bound.
 *
 * @param <T> the element type
 */
final class Received<T> {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	final BlockingQueue<T> items = new LinkedBlockingQueue<>();

	T next() throws InterruptedException {
		T item = this.items.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(item).as("an item within " + TIMEOUT).isNotNull();
		return item;
	}

	List<T> next(int count) throws InterruptedException {
		List<T> all = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			all.add(next());
		}
		return all;
	}

}

package io.zmqspring.sample;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqHeaders;

/**
 * Collects the pipeline's results and the weather news.
 */
@Component
class Sink {

	private final Map<Integer, Result> results = new ConcurrentHashMap<>();

	private volatile CountDownLatch expected = new CountDownLatch(0);

	private final CountDownLatch news = new CountDownLatch(1);

	void expect(int count) {
		this.results.clear();
		this.expected = new CountDownLatch(count);
	}

	boolean awaitResults(long seconds) throws InterruptedException {
		return this.expected.await(seconds, TimeUnit.SECONDS);
	}

	Map<Integer, Result> results() {
		return new TreeMap<>(this.results);
	}

	boolean awaitNews(long millis) throws InterruptedException {
		return this.news.await(millis, TimeUnit.MILLISECONDS);
	}

	@ZmqListener(id = "sink", socket = "sink")
	void collect(Result result) {
		if (this.results.putIfAbsent(result.id(), result) == null) {
			this.expected.countDown();
		}
	}

	@ZmqListener(id = "news", socket = "news")
	void news(@Header(ZmqHeaders.TOPIC) String topic, String text) {
		if (this.news.getCount() > 0) {
			System.out.printf("SUB  received [%s] %s (sports is filtered out by the subscription)%n", topic, text);
		}
		this.news.countDown();
	}

}

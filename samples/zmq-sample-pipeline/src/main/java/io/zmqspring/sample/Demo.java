package io.zmqspring.sample;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.zmqspring.template.ZmqOperations;

/**
 * Runs the three patterns once and prints what each did.
 */
@Component
class Demo implements ApplicationRunner {

	private static final String[] TEXTS = { "the quick brown fox", "zero message queue", "hello",
			"sockets on steroids", "a broker is not needed here" };

	private final ZmqOperations zmq;

	private final Sink sink;

	Demo(ZmqOperations zmq, Sink sink) {
		this.zmq = zmq;
		this.sink = sink;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		pipeline(20);
		requestReply();
		publishSubscribe();
		System.out.println("Demo finished: pipeline, request-reply and publish-subscribe all worked.");
	}

	private void pipeline(int tasks) throws InterruptedException {
		this.sink.expect(tasks);
		for (int i = 0; i < tasks; i++) {
			this.zmq.convertAndSend("tasks", new Task(i, TEXTS[i % TEXTS.length]));
		}
		if (!this.sink.awaitResults(30)) {
			throw new IllegalStateException("The sink did not receive all " + tasks + " results");
		}
		Map<String, Integer> perWorker = new TreeMap<>();
		this.sink.results().values().forEach((result) -> perWorker.merge(result.worker(), 1, Integer::sum));
		System.out.printf("PUSH/PULL pipeline: %d tasks -> workers %s -> sink received %d results%n", tasks,
				perWorker, this.sink.results().size());
	}

	private void requestReply() {
		for (String symbol : new String[] { "ZMQ", "JAVA", "SPRING" }) {
			Quote quote = this.zmq.convertSendAndReceive("pricing", new Quote(symbol, 0), Quote.class);
			System.out.printf("REQ/REP: asked %s, got %.1f%n", symbol, quote.price());
		}
	}

	private void publishSubscribe() throws InterruptedException {
		// A subscriber joins a moment after it connects: publish until it has heard something.
		for (int attempt = 0; attempt < 100; attempt++) {
			this.zmq.convertAndSend("updates", "sports", "the home team won");
			this.zmq.convertAndSend("updates", "weather", "sunny, 21 degrees");
			if (this.sink.awaitNews(100)) {
				return;
			}
		}
		throw new IllegalStateException("The subscriber received no news");
	}

}

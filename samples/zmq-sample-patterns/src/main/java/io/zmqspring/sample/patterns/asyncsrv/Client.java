package io.zmqspring.sample.patterns.asyncsrv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.zmqspring.template.ZmqOperations;

/**
 * Sends all its requests at once and waits for the replies, which come back in any order.
 */
@Component
@Profile("client")
class Client implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(Client.class);

	private final ZmqOperations zmq;

	private final String name;

	private final int requests;

	Client(ZmqOperations zmq, @Value("${asyncsrv.client-name}") String name,
			@Value("${asyncsrv.requests}") int requests) {
		this.zmq = zmq;
		this.name = name;
		this.requests = requests;
	}

	@Override
	public void run(ApplicationArguments args) {
		ConcurrentLinkedQueue<Integer> arrivals = new ConcurrentLinkedQueue<>();
		List<CompletableFuture<String>> replies = new ArrayList<>();
		for (int i = 0; i < this.requests; i++) {
			int number = i;
			String request = this.name + " request " + i;
			replies.add(this.zmq.convertSendAndReceiveAsync("server", request, String.class).thenApply((reply) -> {
				if (!request.toUpperCase(Locale.ROOT).equals(reply)) {
					throw new IllegalStateException("Reply '" + reply + "' does not match request '" + request + "'");
				}
				arrivals.add(number);
				return reply;
			}));
		}
		CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
		logger.info("{}: {} requests in flight at once, {} replies, {} of them out of order", this.name,
				this.requests, arrivals.size(), outOfOrder(new ArrayList<>(arrivals)));
	}

	/** Count the replies that came after the reply to a later request. */
	private static int outOfOrder(List<Integer> arrivals) {
		int count = 0;
		int latest = -1;
		for (int number : arrivals) {
			if (number < latest) {
				count++;
			}
			latest = Math.max(latest, number);
		}
		return count;
	}

}

package io.zmqspring.sample.patterns.asyncsrv;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqHeaders;

/**
 * Answers each request after a random delay, as a slow backend would, without holding a thread:
 * the reply goes back to the client it came from once the future completes.
 */
@Component
@Profile("server")
class Server {

	private static final Logger logger = LoggerFactory.getLogger(Server.class);

	private final Map<String, Integer> served = new TreeMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private int reported;

	@ZmqListener(socket = "api")
	CompletableFuture<String> handle(@Header(ZmqHeaders.ROUTING_ID) byte[] client, String request) {
		count(new String(client, StandardCharsets.UTF_8));
		this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		long delay = ThreadLocalRandom.current().nextLong(10, 200);
		return CompletableFuture.supplyAsync(() -> {
			this.inFlight.decrementAndGet();
			return request.toUpperCase(Locale.ROOT);
		}, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
	}

	private synchronized void count(String client) {
		this.served.merge(client, 1, Integer::sum);
	}

	@Scheduled(fixedDelay = 1000)
	synchronized void report() {
		int total = this.served.values().stream().mapToInt(Integer::intValue).sum();
		if (total != this.reported) {
			this.reported = total;
			logger.info("Served {} requests from {} clients {}, at most {} in flight at once", total,
					this.served.size(), this.served, this.mostInFlight.get());
		}
	}

}

package io.zmqspring.sample.patterns.broker;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.template.ZmqOperations;

/**
 * Publishes a price tick per symbol every interval, topic = symbol, through the broker.
 */
@Component
@Profile("publisher")
class TickPublisher {

	private static final Logger logger = LoggerFactory.getLogger(TickPublisher.class);

	private final ZmqOperations zmq;

	private final List<String> symbols;

	private final AtomicLong ticks = new AtomicLong();

	TickPublisher(ZmqOperations zmq, @Value("${broker.symbols}") List<String> symbols) {
		this.zmq = zmq;
		this.symbols = symbols;
	}

	@Scheduled(fixedRateString = "${broker.interval}")
	void publish() {
		for (String symbol : this.symbols) {
			double price = 100 + ThreadLocalRandom.current().nextInt(-500, 500) / 100.0;
			// the first send waits for zmq.sockets.ticks.wait-for-subscribers subscriptions, forwarded by the broker
			this.zmq.convertAndSend("ticks", symbol, symbol + " " + price);
		}
		if (this.ticks.getAndIncrement() == 0) {
			logger.info("A subscription came through the broker: publishing {}", this.symbols);
		}
	}

}

package io.zmqspring.sample.patterns.pubsub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.template.ZmqOperations;

/**
 * Publishes one update per topic every interval, numbered per topic. The topic goes as a plain
 * first frame, so any SUB (libzmq ones too) filters on it.
 */
@Component
@Profile("publisher")
class Publisher {

	private static final Logger logger = LoggerFactory.getLogger(Publisher.class);

	private final ZmqOperations zmq;

	private final List<String> topics;

	private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

	private volatile boolean started;

	Publisher(ZmqOperations zmq, @Value("${pubsub.publish}") List<String> topics) {
		this.zmq = zmq;
		this.topics = topics;
	}

	@Scheduled(fixedRateString = "${pubsub.interval}")
	void publish() {
		if (!this.started) {
			logger.info("Waiting for the subscribers before the first update");
		}
		for (String topic : this.topics) {
			long number = this.sequences.computeIfAbsent(topic, (key) -> new AtomicLong()).incrementAndGet();
			// the first send waits until zmq.sockets.updates.wait-for-subscribers subscriptions arrived
			this.zmq.convertAndSend("updates", topic, topic + " update #" + number);
		}
		if (!this.started) {
			this.started = true;
			logger.info("The subscribers are there: publishing {}", this.topics);
		}
	}

}

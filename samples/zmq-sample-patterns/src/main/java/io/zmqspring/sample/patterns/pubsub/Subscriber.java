package io.zmqspring.sample.patterns.pubsub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqHeaders;

/**
 * Receives the topics of {@code pubsub.topics} and checks that none of their updates was missed.
 */
@Component
@Profile("subscriber")
class Subscriber {

	private static final Logger logger = LoggerFactory.getLogger(Subscriber.class);

	private final Map<String, Long> last = new ConcurrentHashMap<>();

	@ZmqListener(socket = "news")
	void update(@Header(ZmqHeaders.TOPIC) String topic, String update) {
		long number = Long.parseLong(update.substring(update.lastIndexOf('#') + 1));
		Long previous = this.last.put(topic, number);
		long expected = (previous != null) ? previous + 1 : 1;
		if (number != expected) {
			logger.warn("[{}] missed updates {} to {}", topic, expected, number - 1);
		}
		logger.info("[{}] {}", topic, update);
	}

}

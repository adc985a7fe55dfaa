package io.zmqspring.sample.patterns.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqHeaders;

/**
 * Receives the ticks of the symbols in {@code broker.watch}, from the broker.
 */
@Component
@Profile("subscriber")
class TickSubscriber {

	private static final Logger logger = LoggerFactory.getLogger(TickSubscriber.class);

	@ZmqListener(socket = "watch")
	void tick(@Header(ZmqHeaders.TOPIC) String symbol, String tick) {
		logger.info("[{}] {}", symbol, tick);
	}

}

package io.zmqspring.sample.patterns.reqrep;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqListenerErrorHandler;

/**
 * The server: the return value is the reply. It runs on a ROUTER with REP's rules, so several
 * requests can be served at once and a failing one cannot wedge the socket.
 */
@Component
@Profile("server")
class PricingServer {

	private static final Logger logger = LoggerFactory.getLogger(PricingServer.class);

	private static final Map<String, Double> PRICES = Map.of("ZMQ", 42.0, "JAVA", 17.5, "SPRING", 99.9);

	@ZmqListener(socket = "pricing", concurrency = "2", errorHandler = "pricingErrors")
	Quote price(QuoteRequest request) {
		Double price = PRICES.get(request.symbol());
		if (price == null) {
			// the client gets "ZMQ-SPRING-ERROR: handler: IllegalArgumentException"
			throw new IllegalArgumentException("unknown symbol");
		}
		logger.info("Priced {} at {}", request.symbol(), price);
		return new Quote(request.symbol(), price);
	}

	/**
	 * Logs a request the server failed on in one line, instead of the default error handler's
	 * stack trace; returning {@code null} still sends the client the standard error reply.
	 */
	@Bean
	static ZmqListenerErrorHandler pricingErrors() {
		return (message, exception) -> {
			logger.warn("Could not price a request: {}", exception.getCause().getMessage());
			return null;
		};
	}

}

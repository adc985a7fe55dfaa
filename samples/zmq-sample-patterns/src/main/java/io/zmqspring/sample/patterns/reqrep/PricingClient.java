package io.zmqspring.sample.patterns.reqrep;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.template.ZmqOperations;

/**
 * The client: asks for each symbol once and ends. A client-only process exits when it is done,
 * since nothing but a listener keeps it running.
 */
@Component
@Profile("client")
class PricingClient implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(PricingClient.class);

	private final ZmqOperations zmq;

	private final List<String> symbols;

	PricingClient(ZmqOperations zmq, @Value("${reqrep.symbols}") List<String> symbols) {
		this.zmq = zmq;
		this.symbols = symbols;
	}

	@Override
	public void run(ApplicationArguments args) {
		int quotes = 0;
		for (String symbol : this.symbols) {
			try {
				Quote quote = this.zmq.convertSendAndReceive("quotes", new QuoteRequest(symbol), Quote.class);
				logger.info("{} costs {}", quote.symbol(), quote.price());
				quotes++;
			}
			catch (ZmqRemoteException ex) {
				logger.info("{}: the server answered with an error ({})", symbol, ex.getRemoteReason());
			}
		}
		logger.info("Asked for {} quotes, got {}", this.symbols.size(), quotes);
	}

}

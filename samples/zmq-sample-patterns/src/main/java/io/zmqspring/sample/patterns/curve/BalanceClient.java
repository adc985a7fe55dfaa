package io.zmqspring.sample.patterns.curve;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.zmqspring.template.ZmqOperations;

/**
 * Asks for the balances of a few accounts over the encrypted connection, and ends.
 */
@Component
@Profile("client")
class BalanceClient implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(BalanceClient.class);

	private final ZmqOperations zmq;

	private final List<String> accounts;

	BalanceClient(ZmqOperations zmq, @Value("${curve.accounts}") List<String> accounts) {
		this.zmq = zmq;
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String account : this.accounts) {
			logger.info("Balance {}", this.zmq.convertSendAndReceive("accounts-client", account, String.class));
		}
	}

}

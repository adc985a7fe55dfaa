package io.zmqspring.sample.patterns.curve;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;

/**
 * Tells the balance of an account; only allowed clients ever get here.
 */
@Component
@Profile("server")
class BalanceServer {

	private static final Logger logger = LoggerFactory.getLogger(BalanceServer.class);

	private static final Map<String, String> BALANCES = Map.of("alice", "1,024.00 EUR", "bob", "17.50 EUR");

	@ZmqListener(socket = "accounts")
	String balance(String account) {
		logger.info("Balance of {} asked", account);
		return account + ": " + BALANCES.getOrDefault(account, "no such account");
	}

}

package io.zmqspring.sample.integration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.template.ZmqOperations;

/**
 * Pushes orders into the order flow, waits for them on the board, asks for prices, and prints
 * what happened.
 */
@Component
class Demo implements ApplicationRunner {

	private final ZmqOperations zmq;

	private final Board board;

	private final PriceClient prices;

	Demo(ZmqOperations zmq, Board board, PriceClient prices) {
		this.zmq = zmq;
		this.board = board;
		this.prices = prices;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		pipeline();
		requestReply();
		System.out.println("Demo finished: channel adapters and gateways all worked.");
	}

	private void pipeline() throws InterruptedException {
		// A subscriber joins a moment after it connects: send until the first order comes through.
		boolean joined = false;
		for (int attempt = 0; attempt < 100 && !joined; attempt++) {
			this.zmq.convertAndSend("orders-out", "warm-up");
			joined = this.board.await("WARM-UP", 100);
		}
		if (!joined) {
			throw new IllegalStateException("The subscribing flow received nothing");
		}
		for (String order : new String[] { "zmq", "spring", "integration" }) {
			this.zmq.convertAndSend("orders-out", order);
		}
		if (!this.board.await("INTEGRATION", 10_000)) {
			throw new IllegalStateException("Not every order came through: " + this.board.quotes());
		}
		this.board.quotes()
			.stream()
			.filter((quote) -> !quote.contains("WARM-UP"))
			.forEach((quote) -> System.out.println("PULL -> transform -> PUB -> SUB flow: " + quote));
	}

	private void requestReply() {
		for (String symbol : new String[] { "ZMQ", "SPRING" }) {
			System.out.println("outbound gateway -> REP inbound gateway: asked " + symbol + ", got " + this.prices.ask(symbol));
		}
		try {
			this.prices.ask("???");
			throw new IllegalStateException("An unknown symbol got a price");
		}
		catch (ZmqRemoteException ex) {
			System.out.println("outbound gateway -> REP inbound gateway: asked ???, got the error reply '"
					+ ex.getRemoteReason() + "'");
		}
	}

}

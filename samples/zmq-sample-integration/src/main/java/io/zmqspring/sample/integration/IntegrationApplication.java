package io.zmqspring.sample.integration;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;

import io.zmqspring.integration.dsl.ZmqIntegration;

/**
 * The sample: Spring Integration flows on zmq-spring-boot sockets. Orders arrive on a PULL socket,
 * are transformed and published on a PUB socket, where another flow subscribes; a REP server is
 * answered by a flow, and a flow asks it through an outbound gateway. It prints what happens and
 * exits when the demo is done.
 */
@SpringBootApplication
public class IntegrationApplication {

	private static final Map<String, Double> PRICES = Map.of("ZMQ", 175.8, "JAVA", 17.0, "SPRING", 4.1);

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(IntegrationApplication.class, args)));
	}

	/** PULL in, transform, PUB out under the topic "quotes". */
	@Bean
	IntegrationFlow orderFlow(ZmqIntegration zmq) {
		return IntegrationFlow.from(zmq.inboundAdapter("orders").payloadType(String.class))
			.<String, String>transform((order) -> "order " + order.toUpperCase() + " accepted")
			.handle(zmq.outboundAdapter("prices").topic("quotes"))
			.get();
	}

	/** SUB in, onto the board. */
	@Bean
	IntegrationFlow quoteFlow(ZmqIntegration zmq, Board board) {
		return IntegrationFlow.from(zmq.inboundAdapter("quotes").payloadType(String.class))
			.handle(String.class, (quote, headers) -> {
				board.post(quote);
				return null;
			})
			.get();
	}

	/** A REP server whose replies come from this flow; an unknown symbol fails it. */
	@Bean
	IntegrationFlow pricingService(ZmqIntegration zmq) {
		return IntegrationFlow.from(zmq.inboundGateway("pricing-service").payloadType(String.class))
			.<String, String>transform((symbol) -> {
				Double price = PRICES.get(symbol);
				if (price == null) {
					throw new IllegalArgumentException("unknown symbol");
				}
				return symbol + " " + price;
			})
			.get();
	}

	/** What {@link PriceClient} sends goes through the outbound gateway on the REQ socket. */
	@Bean
	IntegrationFlow pricingClient(ZmqIntegration zmq) {
		return IntegrationFlow.from("askPrice")
			.handle(zmq.outboundGateway("pricing").replyPayloadType(String.class))
			.get();
	}

}

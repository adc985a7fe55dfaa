package io.zmqspring.sample.integration;

import org.springframework.integration.annotation.MessagingGateway;

/**
 * Asks the pricing service, through the flow behind the channel {@code askPrice}.
 */
@MessagingGateway(defaultRequestChannel = "askPrice")
interface PriceClient {

	String ask(String symbol);

}

package io.zmqspring.sample.patterns.reqrep;

/**
 * What the client asks, as JSON.
 *
 * @param symbol the symbol to price
 */
public record QuoteRequest(String symbol) {
}

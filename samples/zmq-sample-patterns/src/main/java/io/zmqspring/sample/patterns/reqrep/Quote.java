package io.zmqspring.sample.patterns.reqrep;

/**
 * What the server answers, as JSON.
 *
 * @param symbol the symbol
 * @param price its price
 */
public record Quote(String symbol, double price) {
}

package io.zmqspring.sample;

/**
 * A price request and its answer, as JSON.
 *
 * @param symbol the symbol asked for
 * @param price the price, zero in a request
 */
public record Quote(String symbol, double price) {
}

package io.zmqspring.sample.patterns.chat;

/**
 * A line someone wrote, as JSON from a client to the hub.
 *
 * @param from who wrote it
 * @param text what they wrote
 */
public record Post(String from, String text) {
}

package io.zmqspring.sample;

/**
 * A unit of work sent by the ventilator to the workers, as JSON.
 *
 * @param id the task number
 * @param text the text to work on
 */
public record Task(int id, String text) {
}

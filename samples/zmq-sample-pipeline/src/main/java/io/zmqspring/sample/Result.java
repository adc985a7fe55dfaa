package io.zmqspring.sample;

/**
 * What a worker sends to the sink, as JSON.
 *
 * @param id the task number
 * @param worker the thread that did the work
 * @param words how many words the text had
 */
public record Result(int id, String worker, int words) {
}

package io.zmqspring.sample.patterns.taskqueue;

/**
 * What a worker answers, as JSON back to the client.
 *
 * @param id the task's number
 * @param worker who did it
 */
public record TaskResult(int id, String worker) {
}

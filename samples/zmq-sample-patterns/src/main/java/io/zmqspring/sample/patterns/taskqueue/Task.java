package io.zmqspring.sample.patterns.taskqueue;

/**
 * A task, as JSON from the client through the queue to a worker.
 *
 * @param id the task's number
 * @param millis how long the work takes
 */
public record Task(int id, long millis) {
}

package io.zmqspring.sample.patterns.taskqueue;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A task queue whose workers may die without losing tasks: the Guide's Paranoid Pirate. The
 * queue ({@link TaskQueue}, profile {@code queue}) takes requests from clients on one ROUTER and
 * hands each to an idle worker on another; workers ({@link Worker}, profile {@code worker})
 * heartbeat every interval, and the queue forgets a worker that has been silent for three
 * intervals. A task given to a worker that dies is lost with it, and the client
 * ({@link TaskClient}, profile {@code client}) sends it again: its socket has the starter's Lazy
 * Pirate retries ({@code zmq.sockets.queue.request.*}), so the retry reaches the queue, which
 * gives it to a live worker. Tasks are therefore done at least once. Configuration:
 * {@code application-taskqueue.yml}.
 */
@SpringBootApplication
@EnableScheduling
public class TaskQueueSample {

}

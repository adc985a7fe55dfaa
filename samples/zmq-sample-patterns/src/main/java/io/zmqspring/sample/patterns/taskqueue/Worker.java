package io.zmqspring.sample.patterns.taskqueue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.template.ZmqOperations;

/**
 * A worker: a DEALER connected to the queue. It heartbeats on the same socket its listener
 * receives tasks on, and does each task asynchronously, so the socket's thread goes on sending
 * heartbeats while a task runs; the reply carries the task's envelope back to the queue.
 */
@Component
@Profile("worker")
class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	private final ZmqOperations zmq;

	private final String name;

	Worker(ZmqOperations zmq, @Value("${taskqueue.worker-name}") String name) {
		this.zmq = zmq;
		this.name = name;
	}

	@ZmqListener(socket = "tasks")
	CompletableFuture<TaskResult> work(Task task) {
		logger.info("{} is working on task {}", this.name, task.id());
		// the work: here only a wait of task.millis(), without holding a thread
		return CompletableFuture.supplyAsync(() -> new TaskResult(task.id(), this.name),
				CompletableFuture.delayedExecutor(task.millis(), TimeUnit.MILLISECONDS));
	}

	@Scheduled(fixedRateString = "${taskqueue.heartbeat-interval}")
	void heartbeat() {
		this.zmq.send("tasks", TaskQueue.HEARTBEAT.getBytes(StandardCharsets.UTF_8));
	}

}

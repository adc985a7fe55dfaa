package io.zmqspring.sample.patterns.taskqueue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.zmqspring.template.ZmqOperations;

/**
 * Submits tasks, a few at a time, and waits for all results. The socket retries a task whose
 * reply does not come within {@code request.try-timeout}; a task fails only when all tries are
 * used up, and then the client fails.
 */
@Component
@Profile("client")
class TaskClient implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(TaskClient.class);

	private final ZmqOperations zmq;

	private final int tasks;

	private final long taskMillis;

	private final Semaphore inFlight;

	TaskClient(ZmqOperations zmq, @Value("${taskqueue.tasks}") int tasks,
			@Value("${taskqueue.task-millis}") long taskMillis, @Value("${taskqueue.parallel}") int parallel) {
		this.zmq = zmq;
		this.tasks = tasks;
		this.taskMillis = taskMillis;
		this.inFlight = new Semaphore(parallel);
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		Map<String, Integer> byWorker = new TreeMap<>();
		List<CompletableFuture<TaskResult>> results = new ArrayList<>();
		for (int id = 1; id <= this.tasks; id++) {
			this.inFlight.acquire();
			long started = System.nanoTime();
			results.add(this.zmq.convertSendAndReceiveAsync("queue", new Task(id, this.taskMillis), TaskResult.class)
				.whenComplete((result, ex) -> {
					this.inFlight.release();
					if (result != null) {
						logger.info("Task {} done by {} in {} ms", result.id(), result.worker(),
								(System.nanoTime() - started) / 1_000_000);
						synchronized (byWorker) {
							byWorker.merge(result.worker(), 1, Integer::sum);
						}
					}
				}));
		}
		CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
		logger.info("All {} tasks done: {}", this.tasks, byWorker);
	}

}

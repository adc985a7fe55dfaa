package io.zmqspring.sample.patterns.taskqueue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.template.ZmqOperations;

/**
 * The queue between clients and workers. It never looks into a task: a client's request
 * arrives on the {@code clients} ROUTER as {@code [client id, request id, "", task]}; the queue
 * puts an idle worker's id in front and sends it on the {@code workers} ROUTER; the worker
 * replies with the same envelope, {@code [worker id, client id, request id, "", result]}, and the
 * queue passes everything after the worker's id back to the client. Heartbeats from workers are
 * {@code [worker id, "HEARTBEAT"]}.
 */
@Component
@Profile("queue")
class TaskQueue {

	static final String HEARTBEAT = "HEARTBEAT";

	private static final Logger logger = LoggerFactory.getLogger(TaskQueue.class);

	private final ZmqOperations zmq;

	private final Duration expiry;

	private final Workers workers = new Workers();

	/** Requests waiting for an idle worker, as received from the clients. */
	private final Deque<List<byte[]>> waiting = new ArrayDeque<>();

	TaskQueue(ZmqOperations zmq, @Value("${taskqueue.heartbeat-interval}") Duration heartbeatInterval) {
		this.zmq = zmq;
		this.expiry = heartbeatInterval.multipliedBy(3);
	}

	@ZmqListener(socket = "clients")
	void fromClient(List<byte[]> request) {
		synchronized (this.waiting) {
			this.waiting.addLast(request);
		}
		dispatch();
	}

	@ZmqListener(socket = "workers")
	void fromWorker(List<byte[]> frames) {
		String worker = new String(frames.get(0), StandardCharsets.UTF_8);
		if (frames.size() == 2 && HEARTBEAT.equals(new String(frames.get(1), StandardCharsets.UTF_8))) {
			if (this.workers.heard(worker, System.nanoTime())) {
				logger.info("Worker {} is ready", worker);
			}
		}
		else {
			this.zmq.sendFrames("clients", frames.subList(1, frames.size()));
			this.workers.answered(worker, System.nanoTime());
		}
		dispatch();
	}

	@Scheduled(fixedRateString = "${taskqueue.heartbeat-interval}")
	void expireSilentWorkers() {
		for (String worker : this.workers.expire(this.expiry, System.nanoTime())) {
			logger.warn("Worker {} expired: no heartbeat for {} ms; a task it had is retried by its client", worker,
					this.expiry.toMillis());
		}
	}

	/** Hand waiting requests to idle workers, one each. */
	private void dispatch() {
		while (true) {
			List<byte[]> request;
			String worker;
			synchronized (this.waiting) {
				if (this.waiting.isEmpty()) {
					return;
				}
				worker = this.workers.takeIdle();
				if (worker == null) {
					return;
				}
				request = this.waiting.pollFirst();
			}
			List<byte[]> frames = new ArrayList<>(request.size() + 1);
			frames.add(worker.getBytes(StandardCharsets.UTF_8));
			frames.addAll(request);
			this.zmq.sendFrames("workers", frames);
		}
	}

}

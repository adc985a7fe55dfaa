package io.zmqspring.sample;

import java.util.Locale;

import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.template.ZmqOperations;

/**
 * The workers of the pipeline: one PULL socket connected to the ventilator, handled by several
 * threads. Each result goes on to the sink through the template.
 */
@Component
class Workers {

	private final ZmqOperations zmq;

	Workers(ZmqOperations zmq) {
		this.zmq = zmq;
	}

	@ZmqListener(id = "workers", socket = "work", concurrency = "${sample.workers:3}")
	void work(Task task) {
		int words = task.text().trim().split("\\s+").length;
		this.zmq.convertAndSend("results", new Result(task.id(), Thread.currentThread().getName(), words));
	}

	@ZmqListener(id = "pricing", socket = "pricing-service")
	Quote price(Quote request) {
		double price = 100 + Math.abs(request.symbol().toUpperCase(Locale.ROOT).hashCode() % 900) / 10.0;
		return new Quote(request.symbol(), price);
	}

}

package io.zmqspring.sample.worker;

import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.zmqspring.annotation.ZmqListener;

/**
 * The most common ZeroMQ service: a worker whose only work is a {@code @ZmqListener}. It answers
 * every request with the text in upper case, stays up until it is stopped, and ends cleanly on
 * SIGTERM. With the {@code observability} profile it also serves its health, the {@code zmq}
 * actuator endpoint and its metrics over HTTP, and observes every request.
 */
@SpringBootApplication
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

	@ZmqListener(id = "worker", type = "REP", endpoints = "${worker.endpoint}",
			concurrency = "${worker.concurrency:2}")
	String upperCase(String request) {
		return request.toUpperCase(Locale.ROOT);
	}

}

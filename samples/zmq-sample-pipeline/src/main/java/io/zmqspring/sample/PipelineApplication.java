package io.zmqspring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample: the ZeroMQ guide's parallel pipeline (ventilator, workers, sink), a request-reply
 * service and a topic-filtered publisher, all through zmq-spring-boot. It prints what happens and
 * exits when the demo is done.
 */
@SpringBootApplication
public class PipelineApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(PipelineApplication.class, args)));
	}

}

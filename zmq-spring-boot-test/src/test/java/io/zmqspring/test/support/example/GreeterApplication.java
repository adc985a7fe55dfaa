package io.zmqspring.test.support.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.template.ZmqOperations;

/**
 * The application under test of the README's "Test support" example: answers a greeting and
 * publishes who was greeted.
 */
@SpringBootApplication
public class GreeterApplication {

	private final ZmqOperations zmq;

	GreeterApplication(ZmqOperations zmq) {
		this.zmq = zmq;
	}

	@ZmqListener(socket = "greetings")
	String greet(String name) {
		this.zmq.convertAndSend("greeted", "greeted", name);
		return "Hello, " + name;
	}

}

package io.zmqspring.process;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.zmqspring.annotation.ZmqListener;

/**
 * A service whose only work is one {@code @ZmqListener}: the most common ZeroMQ worker. Run as
 * its own process by {@link ListenerOnlyServiceTests}.
 */
@SpringBootApplication
public class ListenerOnlyApp {

	public static void main(String[] args) {
		SpringApplication.run(ListenerOnlyApp.class, args);
	}

	@ZmqListener(type = "REP", endpoints = "@${service.endpoint}")
	String upperCase(String request) {
		return request.toUpperCase(java.util.Locale.ROOT);
	}

}

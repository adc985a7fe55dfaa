package io.zmqspring.sample.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.zmqspring.config.ZmqConfigChangedEvent;

/**
 * The client's view of the configuration: logged at startup and after every change.
 */
@Component
@Profile("client")
class GreetingReporter {

	private static final Log logger = LogFactory.getLog(GreetingReporter.class);

	private final GreetingProperties greeting;

	private final Environment environment;

	private final String name;

	GreetingReporter(GreetingProperties greeting, Environment environment, @Value("${sample.name:client}") String name) {
		this.greeting = greeting;
		this.environment = environment;
		this.name = name;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		logger.info(this.name + ": greeting at startup is '" + this.greeting.getText() + "'");
	}

	@EventListener
	void changed(ZmqConfigChangedEvent event) {
		for (String key : event.getKeys()) {
			logger.info(this.name + ": " + key + " changed to '" + this.environment.getProperty(key, "(removed)")
					+ "' (sequence " + event.getSequence() + ")");
		}
		logger.info(this.name + ": greeting is now '" + this.greeting.getText() + "'");
	}

}

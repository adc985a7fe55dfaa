package io.zmqspring.sample.patterns.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqOperations;

/**
 * A member of the room: sends every line typed on standard input, a heartbeat every interval,
 * and shows what the hub publishes (the roster when it changes).
 */
@Component
@Profile("client")
class ChatClient implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(ChatClient.class);

	private final ZmqOperations zmq;

	private final String name;

	private volatile String roster = "";

	ChatClient(ZmqOperations zmq, @Value("${chat.name}") String name) {
		this.zmq = zmq;
		this.name = name;
	}

	@Override
	public void run(ApplicationArguments args) {
		Thread input = new Thread(this::readInput, "chat-input");
		input.setDaemon(true);
		input.start();
		logger.info("{} here: type a line and press Enter to post it", this.name);
	}

	private void readInput() {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (!line.isBlank()) {
					this.zmq.convertAndSend("posts-out", new Post(this.name, line));
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Standard input failed: {}", ex.toString());
		}
	}

	@Scheduled(fixedRateString = "${chat.heartbeat-interval}")
	void heartbeat() {
		this.zmq.convertAndSend("heartbeats-out", this.name);
	}

	@ZmqListener(socket = "room-in")
	void room(@Header(ZmqHeaders.TOPIC) String topic, String text) {
		switch (topic) {
			case "roster" -> {
				if (!text.equals(this.roster)) {
					this.roster = text;
					logger.info("present: {}", text);
				}
			}
			case "presence" -> logger.info("* {}", text);
			default -> logger.info(text);
		}
	}

}

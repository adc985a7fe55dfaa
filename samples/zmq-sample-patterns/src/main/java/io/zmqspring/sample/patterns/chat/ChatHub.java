package io.zmqspring.sample.patterns.chat;

import java.time.Duration;
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
 * The hub: pulls posts and heartbeats, publishes to the room on three topics: {@code post}
 * ("alice: hello"), {@code presence} ("carol left ...") and {@code roster} ("alice, bob"), the
 * last one every heartbeat interval, so a client that just connected soon knows who is there.
 */
@Component
@Profile("hub")
class ChatHub {

	private static final Logger logger = LoggerFactory.getLogger(ChatHub.class);

	private final ZmqOperations zmq;

	private final Duration presenceTimeout;

	private final Presence presence = new Presence();

	ChatHub(ZmqOperations zmq, @Value("${chat.presence-timeout}") Duration presenceTimeout) {
		this.zmq = zmq;
		this.presenceTimeout = presenceTimeout;
	}

	@ZmqListener(socket = "posts")
	void post(Post post) {
		this.zmq.convertAndSend("room", "post", post.from() + ": " + post.text());
	}

	@ZmqListener(socket = "heartbeats")
	void heartbeat(String name) {
		if (this.presence.heard(name, System.nanoTime())) {
			announce(name + " joined");
		}
	}

	@Scheduled(fixedRateString = "${chat.heartbeat-interval}")
	void checkPresence() {
		for (String gone : this.presence.expire(this.presenceTimeout, System.nanoTime())) {
			announce(gone + " left (no heartbeat for " + this.presenceTimeout.toMillis() + " ms)");
		}
		List<String> present = this.presence.present();
		if (!present.isEmpty()) {
			this.zmq.convertAndSend("room", "roster", String.join(", ", present));
		}
	}

	private void announce(String change) {
		logger.info(change);
		this.zmq.convertAndSend("room", "presence", change);
	}

}

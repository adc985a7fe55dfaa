package io.zmqspring.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.messaging.Message;
import org.springframework.messaging.PollableChannel;

import static org.assertj.core.api.Assertions.fail;

/**
 * Waits on the queue channel a test flow ends in. Sockets whose peers join late (a subscription,
 * a ROUTER's peer) first get handshake messages until one arrives; {@link #next} skips those, in
 * any case, since a flow may transform them.
 */
final class Received {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	static final byte[] HANDSHAKE = "handshake".getBytes(StandardCharsets.UTF_8);

	private Received() {
	}

	/**
	 * Repeat a send until one of the handshake messages it sends arrives.
	 * @param channel the channel
	 * @param send sends one handshake message, {@link #HANDSHAKE}
	 */
	static void handshake(PollableChannel channel, Runnable send) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			send.run();
			Message<?> message = channel.receive(100);
			if (message != null && isHandshake(message)) {
				return;
			}
			if (message != null) {
				fail("Unexpected message before the handshake: " + message);
			}
		}
		fail("No handshake message arrived within " + TIMEOUT);
	}

	/**
	 * Return the next message that is not a handshake, failing after the timeout.
	 * @param channel the channel
	 * @return the message
	 */
	static Message<?> next(PollableChannel channel) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			long left = (deadline - System.nanoTime()) / 1_000_000;
			Message<?> message = (left > 0) ? channel.receive(left) : null;
			if (message == null) {
				fail("No message arrived within " + TIMEOUT);
			}
			if (!isHandshake(message)) {
				return message;
			}
		}
	}

	private static boolean isHandshake(Message<?> message) {
		Object payload = message.getPayload();
		String text = (payload instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
		return text.equalsIgnoreCase(new String(HANDSHAKE, StandardCharsets.UTF_8));
	}

}

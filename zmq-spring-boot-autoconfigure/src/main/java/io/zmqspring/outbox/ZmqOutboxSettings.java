package io.zmqspring.outbox;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a socket's durable outbox runs.
 *
 * @param directory the directory of the store's file ({@code <socket>.outbox.mv.db})
 * @param sync when a send counts as stored
 * @param ackTimeout how long a message may wait for its ack before it is sent again
 * @param maxInFlight how many messages may be on the wire without an ack
 * @param maxSize the most bytes of messages the outbox holds; a send that would pass it fails
 * @author zmq-spring-boot
 */
public record ZmqOutboxSettings(Path directory, ZmqOutboxSync sync, Duration ackTimeout, int maxInFlight,
		long maxSize) {

	public ZmqOutboxSettings {
		Assert.notNull(directory, "'directory' must not be null");
		Assert.notNull(sync, "'sync' must not be null");
		Assert.isTrue(!ackTimeout.isNegative() && !ackTimeout.isZero(), "'ackTimeout' must be positive");
		Assert.isTrue(maxInFlight > 0, "'maxInFlight' must be positive");
		Assert.isTrue(maxSize > 0, "'maxSize' must be positive");
	}

}

package io.zmqspring.listener;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a batch listener's batches are filled: up to {@code size} messages or for {@code timeout}
 * after the first one, whichever comes first.
 *
 * @param size the most messages in one batch, at least one
 * @param timeout the longest a batch waits for more messages once it has one, positive
 * @author zmq-spring-boot
 */
public record ZmqBatchSettings(int size, Duration timeout) {

	public ZmqBatchSettings {
		Assert.isTrue(size > 0, "'size' must be at least 1");
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
	}

}

package io.zmqspring.template;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a publishing socket waits for its subscribers before its first send.
 *
 * @param subscribers the subscriptions to wait for before the first send; 0 only tracks them, for
 * {@link ZmqTemplate#awaitSubscribers(String, int, Duration)}
 * @param timeout the longest the first send waits; then it sends anyway and logs a warning
 * @author zmq-spring-boot
 */
public record ZmqSubscriberWait(int subscribers, Duration timeout) {

	public ZmqSubscriberWait {
		Assert.isTrue(subscribers >= 0, "'subscribers' must not be negative");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
	}

}

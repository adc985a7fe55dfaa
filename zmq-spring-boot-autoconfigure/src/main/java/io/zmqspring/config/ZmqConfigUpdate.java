package io.zmqspring.config;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One change of the server's state: a key set to a value, or removed.
 *
 * @param epoch the server's epoch
 * @param sequence the number of this update; the first after a server's start is 1
 * @param key the property name
 * @param value the new value, or {@code null} when the key was removed
 * @author zmq-spring-boot
 */
public record ZmqConfigUpdate(long epoch, long sequence, String key, @Nullable String value)
		implements ZmqConfigMessage {

	public ZmqConfigUpdate {
		Assert.hasLength(key, "'key' must not be empty");
		Assert.isTrue(sequence >= 0, "'sequence' must not be negative");
	}

	/**
	 * Whether the update removes its key.
	 * @return {@code true} for a removal
	 */
	public boolean isDeleted() {
		return this.value == null;
	}

}

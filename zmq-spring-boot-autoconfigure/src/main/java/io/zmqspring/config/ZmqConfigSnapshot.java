package io.zmqspring.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

/**
 * The whole state of a configuration server at one sequence number.
 *
 * @param epoch the server's epoch
 * @param sequence the number of the last update the state includes, 0 before the first
 * @param properties the properties, sorted by key (unmodifiable)
 * @author zmq-spring-boot
 */
public record ZmqConfigSnapshot(long epoch, long sequence, Map<String, String> properties) {

	public ZmqConfigSnapshot {
		Assert.isTrue(sequence >= 0, "'sequence' must not be negative");
		Assert.notNull(properties, "'properties' must not be null");
		properties = Collections.unmodifiableMap(new TreeMap<>(properties));
	}

}

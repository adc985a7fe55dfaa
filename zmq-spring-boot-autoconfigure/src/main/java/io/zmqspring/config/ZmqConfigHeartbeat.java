package io.zmqspring.config;

import org.springframework.util.Assert;

/**
 * The server's heartbeat: its epoch and the number of its last update, published every
 * heartbeat interval. A client that is behind it missed an update; one that sees another epoch
 * or a smaller number is talking to a server that restarted.
 *
 * @param epoch the server's epoch
 * @param sequence the number of the server's last update, 0 before the first
 * @author zmq-spring-boot
 */
public record ZmqConfigHeartbeat(long epoch, long sequence) implements ZmqConfigMessage {

	public ZmqConfigHeartbeat {
		Assert.isTrue(sequence >= 0, "'sequence' must not be negative");
	}

}

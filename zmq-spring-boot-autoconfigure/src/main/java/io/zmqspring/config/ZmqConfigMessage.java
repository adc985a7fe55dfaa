package io.zmqspring.config;

/**
 * What a configuration server publishes: numbered updates and heartbeats, each with the
 * server's epoch (an id it draws at every start) and a sequence number.
 *
 * @author zmq-spring-boot
 */
public sealed interface ZmqConfigMessage permits ZmqConfigUpdate, ZmqConfigHeartbeat {

	/**
	 * Return the epoch of the server that sent the message; a server draws a new one at every start.
	 * @return the epoch
	 */
	long epoch();

	/**
	 * Return the sequence number: the update's own, or for a heartbeat the server's last.
	 * @return the sequence number, never negative
	 */
	long sequence();

}

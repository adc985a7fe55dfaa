package io.zmqspring.core;

import org.zeromq.ZMQ;

/**
 * Callback that can set further options on each socket the starter opens, after the configured
 * options and before any bind or connect.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqSocketCustomizer {

	/**
	 * Customize a socket before it binds or connects.
	 * @param definition the socket's definition
	 * @param socket the socket, used only on the calling thread
	 */
	void customize(ZmqSocketDefinition definition, ZMQ.Socket socket);

}

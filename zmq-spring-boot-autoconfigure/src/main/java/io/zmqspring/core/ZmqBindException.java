package io.zmqspring.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a socket cannot bind or connect to one of its endpoints, for example because the
 * address is already in use.
 *
 * @author zmq-spring-boot
 */
public class ZmqBindException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String socketName;

	private final String endpoint;

	public ZmqBindException(String socketName, ZmqEndpoint endpoint, String reason, @Nullable Throwable cause) {
		super("Socket '" + socketName + "' could not " + (endpoint.bind() ? "bind to " : "connect to ")
				+ endpoint.address() + ": " + reason, cause);
		this.socketName = socketName;
		this.endpoint = endpoint.toString();
	}

	/**
	 * Return the name of the socket.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * Return the endpoint that failed, with its '@' or '>' prefix.
	 * @return the endpoint
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

}

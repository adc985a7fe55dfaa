package io.zmqspring.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a socket cannot bind or connect to one of its endpoints, for example because the
 * address is already in use. The cause, when there is one, is JeroMQ's failure (for example a
 * {@link org.zeromq.ZMQException} with its error code).
 *
 * @author zmq-spring-boot
 */
public class ZmqBindException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String socketName;

	private final String endpoint;

	private final boolean bind;

	private final String reason;

	/**
	 * Create an exception for an endpoint that could not be bound or connected.
	 * @param socketName the socket's name
	 * @param endpoint the endpoint that failed
	 * @param reason why, for example {@code address already in use}
	 * @param cause the JeroMQ failure, if any
	 */
	public ZmqBindException(String socketName, ZmqEndpoint endpoint, String reason, @Nullable Throwable cause) {
		super("Socket '" + socketName + "' could not " + (endpoint.bind() ? "bind to " : "connect to ")
				+ endpoint.address() + ": " + reason, cause);
		this.socketName = socketName;
		this.endpoint = endpoint.toString();
		this.bind = endpoint.bind();
		this.reason = reason;
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

	/**
	 * Return whether the socket failed to bind (otherwise it failed to connect).
	 * @return {@code true} for a bind failure
	 */
	public boolean isBind() {
		return this.bind;
	}

	/**
	 * Return why the endpoint failed.
	 * @return the reason, for example {@code address already in use}
	 */
	public String getReason() {
		return this.reason;
	}

}

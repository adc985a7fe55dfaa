package io.zmqspring.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a message cannot be handed to a socket: its queue stayed full for the whole send
 * timeout (the peers are slow, gone, or the high-water mark is reached), the socket is closed,
 * or the socket type cannot send.
 *
 * @author zmq-spring-boot
 */
public class ZmqSendException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String socketName;

	public ZmqSendException(String socketName, String message) {
		this(socketName, message, null);
	}

	public ZmqSendException(String socketName, String message, @Nullable Throwable cause) {
		super("Socket '" + socketName + "': " + message, cause);
		this.socketName = socketName;
	}

	/**
	 * Return the name of the socket.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.socketName;
	}

}

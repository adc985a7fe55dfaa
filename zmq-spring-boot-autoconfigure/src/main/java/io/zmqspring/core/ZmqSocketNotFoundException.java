package io.zmqspring.core;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Thrown when an operation names a socket that is not configured.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketNotFoundException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String socketName;

	public ZmqSocketNotFoundException(String socketName, Collection<String> configuredNames) {
		super("No ZeroMQ socket named '" + socketName + "' is configured; configured sockets (zmq.sockets.*): "
				+ (configuredNames.isEmpty() ? "none" : new TreeSet<>(configuredNames)));
		this.socketName = socketName;
	}

	/**
	 * Return the name that was asked for.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.socketName;
	}

}

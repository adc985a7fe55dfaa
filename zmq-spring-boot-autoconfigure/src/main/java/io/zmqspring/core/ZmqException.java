package io.zmqspring.core;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the exceptions the starter throws.
 *
 * @author zmq-spring-boot
 */
public class ZmqException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ZmqException(String message) {
		super(message);
	}

	public ZmqException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

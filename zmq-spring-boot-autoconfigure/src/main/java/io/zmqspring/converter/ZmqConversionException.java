package io.zmqspring.converter;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;

/**
 * Thrown when a payload cannot be converted to or from frame bytes.
 *
 * @author zmq-spring-boot
 */
public class ZmqConversionException extends ZmqException {

	private static final long serialVersionUID = 1L;

	public ZmqConversionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

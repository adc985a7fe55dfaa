package io.zmqspring.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a socket or listener is configured with a value that cannot work.
 * The message names the property (or listener) and the value.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigurationException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String reason;

	public ZmqConfigurationException(String property, @Nullable Object value, String reason) {
		super("Invalid ZeroMQ configuration '" + property + "'" + ((value != null) ? " = '" + value + "'" : "") + ": "
				+ reason);
		this.property = property;
		this.value = (value != null) ? value.toString() : null;
		this.reason = reason;
	}

	/**
	 * Return the property or listener that is wrong.
	 * @return the property name, for example {@code zmq.sockets.orders.endpoints[0]}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value, if any.
	 * @return the value
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return why the value cannot work.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}

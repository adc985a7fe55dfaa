package io.zmqspring.config;

import io.zmqspring.core.ZmqException;

/**
 * A message of the configuration centre's protocol that breaks it: an unknown command, a wrong
 * number of frames, a number of the wrong size, text that is not UTF-8. It carries a short fixed
 * reason for metrics and a message with the detail, never the message's contents.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigProtocolException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	/**
	 * Create an exception.
	 * @param reason a short fixed reason, used as a metric tag (for example {@code config-malformed})
	 * @param message what is wrong
	 */
	public ZmqConfigProtocolException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Return the short fixed reason, a metric tag.
	 * @return for example {@code config-malformed} or {@code config-unknown-command}
	 */
	public String getReason() {
		return this.reason;
	}

}

package io.zmqspring.core;

import java.time.Duration;

/**
 * Thrown when no reply arrives within the reply timeout. The request is forgotten: a reply that
 * arrives later is discarded and counted, and the socket keeps serving other requests.
 *
 * @author zmq-spring-boot
 */
public class ZmqReplyTimeoutException extends ZmqException {

	private static final long serialVersionUID = 1L;

	public ZmqReplyTimeoutException(String socketName, Duration timeout) {
		super("Socket '" + socketName + "': no reply within " + timeout.toMillis() + " ms");
	}

}

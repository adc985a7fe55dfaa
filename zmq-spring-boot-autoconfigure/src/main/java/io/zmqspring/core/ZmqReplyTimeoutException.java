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

	/**
	 * Create the exception of a request that was tried several times.
	 * @param socketName the socket
	 * @param tryTimeout how long each try waited at most
	 * @param tries how many times the request was sent
	 */
	public ZmqReplyTimeoutException(String socketName, Duration tryTimeout, int tries) {
		super("Socket '" + socketName + "': no reply to any of " + tries + " tries (" + tryTimeout.toMillis()
				+ " ms each at most)");
	}

}

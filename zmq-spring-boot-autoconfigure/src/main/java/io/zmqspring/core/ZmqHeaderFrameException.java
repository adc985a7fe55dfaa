package io.zmqspring.core;

/**
 * Thrown when a header frame received from the network is malformed or over the limits of
 * {@link ZmqHeaderFrame}. The message names the fault only, never the frame's contents.
 *
 * @author zmq-spring-boot
 */
public class ZmqHeaderFrameException extends ZmqException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong with the frame
	 */
	public ZmqHeaderFrameException(String message) {
		super(message);
	}

}

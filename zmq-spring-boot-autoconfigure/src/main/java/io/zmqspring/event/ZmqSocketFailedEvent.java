package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a socket failed; its owner closes it and opens it again, with back-off.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketFailedEvent extends ZmqEvent {

	private final Throwable failure;

	/**
	 * Create an event.
	 * @param source the socket's owner
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param failure what the socket failed with
	 */
	public ZmqSocketFailedEvent(Object source, String socketName, ZmqSocketType socketType, Throwable failure) {
		super(source, socketName, socketType);
		this.failure = failure;
	}

	/**
	 * Return what the socket failed with.
	 * @return the failure
	 */
	public Throwable getFailure() {
		return this.failure;
	}

	@Override
	String details() {
		return ", failure=" + this.failure;
	}

}

package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a listener container failed to start, for example because its socket could not
 * bind; the container is not running and the {@code zmq} health is down until it starts.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainerFailedEvent extends ZmqListenerContainerEvent {

	private final Throwable failure;

	/**
	 * Create an event.
	 * @param source the container
	 * @param listenerId the listener's id
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param failure what the container failed with
	 */
	public ZmqListenerContainerFailedEvent(Object source, String listenerId, String socketName,
			ZmqSocketType socketType, Throwable failure) {
		super(source, listenerId, socketName, socketType);
		this.failure = failure;
	}

	/**
	 * Return what the container failed with.
	 * @return the failure
	 */
	public Throwable getFailure() {
		return this.failure;
	}

	@Override
	String details() {
		return super.details() + ", failure=" + this.failure;
	}

}

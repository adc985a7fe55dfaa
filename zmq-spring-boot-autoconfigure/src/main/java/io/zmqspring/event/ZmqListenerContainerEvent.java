package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Base class of the events about a listener container.
 *
 * @author zmq-spring-boot
 */
public abstract class ZmqListenerContainerEvent extends ZmqEvent {

	private final String listenerId;

	/**
	 * Create an event.
	 * @param source the container
	 * @param listenerId the listener's id
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 */
	protected ZmqListenerContainerEvent(Object source, String listenerId, String socketName,
			ZmqSocketType socketType) {
		super(source, socketName, socketType);
		this.listenerId = listenerId;
	}

	/**
	 * Return the id of the listener.
	 * @return the listener id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	@Override
	String details() {
		return ", listener=" + this.listenerId;
	}

}

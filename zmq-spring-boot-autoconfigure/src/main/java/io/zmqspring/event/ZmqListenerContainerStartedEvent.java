package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a listener container started.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainerStartedEvent extends ZmqListenerContainerEvent {

	/**
	 * Create an event.
	 * @param source the container
	 * @param listenerId the listener's id
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 */
	public ZmqListenerContainerStartedEvent(Object source, String listenerId, String socketName, ZmqSocketType socketType) {
		super(source, listenerId, socketName, socketType);
	}

}

package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a connection of a socket to a peer closed.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketDisconnectedEvent extends ZmqPeerEvent {

	/**
	 * Create an event.
	 * @param source the socket's owner
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param address the peer or endpoint address, as JeroMQ reports it
	 */
	public ZmqSocketDisconnectedEvent(Object source, String socketName, ZmqSocketType socketType, String address) {
		super(source, socketName, socketType, address);
	}

}

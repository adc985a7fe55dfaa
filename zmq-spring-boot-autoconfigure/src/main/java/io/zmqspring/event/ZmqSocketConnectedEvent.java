package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a socket's connection to a peer is up: a connecting socket connected, or a binding socket accepted a peer.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketConnectedEvent extends ZmqPeerEvent {

	/**
	 * Create an event.
	 * @param source the socket's owner
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param address the peer or endpoint address, as JeroMQ reports it
	 */
	public ZmqSocketConnectedEvent(Object source, String socketName, ZmqSocketType socketType, String address) {
		super(source, socketName, socketType, address);
	}

}

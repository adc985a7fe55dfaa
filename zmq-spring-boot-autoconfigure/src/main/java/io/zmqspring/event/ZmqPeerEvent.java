package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Base class of the events about one connection of a socket.
 *
 * @author zmq-spring-boot
 */
public abstract class ZmqPeerEvent extends ZmqEvent {

	private final String address;

	/**
	 * Create an event.
	 * @param source the socket's owner
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param address the peer or endpoint address, as JeroMQ reports it
	 */
	protected ZmqPeerEvent(Object source, String socketName, ZmqSocketType socketType, String address) {
		super(source, socketName, socketType);
		this.address = address;
	}

	/**
	 * Return the address of the connection as JeroMQ reports it: for a connecting socket the
	 * endpoint it connected to, for a binding socket the endpoint it accepted on.
	 * @return the address
	 */
	public String getAddress() {
		return this.address;
	}

	@Override
	String details() {
		return ", address=" + this.address;
	}

}

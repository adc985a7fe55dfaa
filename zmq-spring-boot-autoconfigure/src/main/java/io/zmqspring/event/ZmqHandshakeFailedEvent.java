package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a connection of a socket failed its ZMTP handshake, for example a peer
 * without the socket's security mechanism or with a wrong key. The key itself is never part of
 * the event.
 *
 * @author zmq-spring-boot
 */
public class ZmqHandshakeFailedEvent extends ZmqPeerEvent {

	private final String reason;

	/**
	 * Create an event.
	 * @param source the socket's owner
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param address the peer or endpoint address, as JeroMQ reports it
	 * @param reason {@code protocol}, {@code auth} or {@code other}
	 */
	public ZmqHandshakeFailedEvent(Object source, String socketName, ZmqSocketType socketType, String address,
			String reason) {
		super(source, socketName, socketType, address);
		this.reason = reason;
	}

	/**
	 * Return why the handshake failed.
	 * @return {@code protocol}, {@code auth} or {@code other}
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	String details() {
		return super.details() + ", reason=" + this.reason;
	}

}

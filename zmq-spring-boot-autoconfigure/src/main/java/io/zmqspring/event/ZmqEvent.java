package io.zmqspring.event;

import org.springframework.context.ApplicationEvent;

import io.zmqspring.core.ZmqSocketType;

/**
 * Base class of the events about a ZeroMQ socket or the listener that uses it. Events never
 * carry keys, passwords or message contents.
 *
 * @author zmq-spring-boot
 */
public abstract class ZmqEvent extends ApplicationEvent {

	private final String socketName;

	private final ZmqSocketType socketType;

	/**
	 * Create an event.
	 * @param source what the event is about (a socket owner or a listener container)
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 */
	protected ZmqEvent(Object source, String socketName, ZmqSocketType socketType) {
		super(source);
		this.socketName = socketName;
		this.socketType = socketType;
	}

	/**
	 * Return the name of the socket.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * Return the type of the socket as configured.
	 * @return the socket type
	 */
	public ZmqSocketType getSocketType() {
		return this.socketType;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[socket=" + this.socketName + ", type=" + this.socketType + details()
				+ "]";
	}

	String details() {
		return "";
	}

}

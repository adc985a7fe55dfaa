package io.zmqspring.event;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketEvents;
import io.zmqspring.core.ZmqSocketOwner;

/**
 * {@link ZmqSocketEvents} as Spring application events, handed to a {@link ZmqEventPublisher}
 * (which queues them and never runs application code on the socket's owner thread).
 *
 * @author zmq-spring-boot
 */
public class PublishingZmqSocketEvents implements ZmqSocketEvents {

	private final ZmqEventPublisher publisher;

	public PublishingZmqSocketEvents(ZmqEventPublisher publisher) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
	}

	@Override
	public void connected(ZmqSocketOwner socket, String address) {
		this.publisher.publish(new ZmqSocketConnectedEvent(socket, socket.getName(), socket.getDefinition().type(),
				address));
	}

	@Override
	public void disconnected(ZmqSocketOwner socket, String address) {
		this.publisher.publish(new ZmqSocketDisconnectedEvent(socket, socket.getName(),
				socket.getDefinition().type(), address));
	}

	@Override
	public void handshakeFailed(ZmqSocketOwner socket, String address, String reason) {
		this.publisher.publish(new ZmqHandshakeFailedEvent(socket, socket.getName(), socket.getDefinition().type(),
				address, reason));
	}

	@Override
	public void failed(ZmqSocketOwner socket, Throwable failure) {
		this.publisher.publish(new ZmqSocketFailedEvent(socket, socket.getName(), socket.getDefinition().type(),
				failure));
	}

}

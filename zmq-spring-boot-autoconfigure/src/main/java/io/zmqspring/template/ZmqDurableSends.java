package io.zmqspring.template;

import io.zmqspring.core.ZmqSocketOwner;

/**
 * Where the template hands the messages of sockets that have a durable outbox
 * ({@code zmq.sockets.<name>.outbox.enabled}), instead of straight to the socket's owner: see
 * {@link io.zmqspring.outbox.ZmqOutboxes}.
 *
 * @author zmq-spring-boot
 */
public interface ZmqDurableSends {

	/**
	 * Store a message for the socket and deliver it, if the socket has an outbox.
	 * @param owner the socket's owner
	 * @param message a {@code byte[]} frame or {@code byte[][]} multipart message
	 * @return {@code false} if the socket has no outbox (the template sends as usual)
	 * @throws io.zmqspring.core.ZmqSendException if the message could not be stored
	 */
	boolean send(ZmqSocketOwner owner, Object message);

	/**
	 * Store messages for the socket in one write and deliver them in order, if the socket has an
	 * outbox.
	 * @param owner the socket's owner
	 * @param messages {@code byte[]} frames or {@code byte[][]} multipart messages
	 * @return {@code false} if the socket has no outbox
	 * @throws io.zmqspring.core.ZmqSendException if the messages could not be stored
	 */
	boolean sendBatch(ZmqSocketOwner owner, Object[] messages);

	/**
	 * Whether the socket has a durable outbox, whose acknowledgements arrive on it.
	 * @param socket the socket's name
	 * @return {@code true} if it has one
	 */
	boolean hasOutbox(String socket);

}

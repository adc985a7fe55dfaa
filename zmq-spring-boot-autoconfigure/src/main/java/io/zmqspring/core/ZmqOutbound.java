package io.zmqspring.core;

import org.zeromq.ZMQ;

/**
 * A message handed to a {@link ZmqSocketOwner} that writes itself, for example a request that
 * takes a correlation id when it goes out, or a listener's reply. Plain {@code byte[]} and
 * {@code byte[][]} messages need no such wrapper.
 *
 * @author zmq-spring-boot
 */
public interface ZmqOutbound {

	/**
	 * Write the message without waiting, on the owner's thread.
	 * @param socket the socket, owned by the calling thread
	 * @return {@code false} if the socket cannot take the message now (it is retried when the
	 * socket has room); once the first frame is accepted the whole message is
	 */
	boolean write(ZMQ.Socket socket);

	/**
	 * The message will never be sent: the socket closed or rejected it.
	 * @param reason why
	 */
	void fail(ZmqException reason);

	/**
	 * Return the size of the message, for the socket's statistics.
	 * @return the bytes of all its frames
	 */
	default long byteCount() {
		return 0;
	}

	/**
	 * Whether the message no longer needs sending (cancelled or expired); it is then skipped.
	 * @return {@code true} to skip it
	 */
	default boolean isDone() {
		return false;
	}

}

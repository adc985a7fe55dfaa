package io.zmqspring.core;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * What a {@link ZmqSocketOwner} hands received messages to: a listener container, or the
 * template's request correlation. Every method is called on the owner's thread, the only thread
 * that touches the socket.
 *
 * @author zmq-spring-boot
 */
public interface ZmqSocketReceiver {

	/**
	 * The socket was opened or reopened; for example subscribe an XSUB socket.
	 * @param socket the new socket
	 */
	default void opened(ZMQ.Socket socket) {
	}

	/**
	 * Whether the receiver can take another message now. When it returns {@code false} the owner
	 * stops reading and the socket's high-water mark pushes back on the peers; the receiver must
	 * then call {@link ZmqSocketOwner#wakeupNow()} once it has room again.
	 * @return whether to read the next message
	 */
	default boolean ready() {
		return true;
	}

	/**
	 * Handle one received message.
	 * @param frames the frames
	 * @return a reply for the owner to send right away, or {@code null}
	 */
	@Nullable List<byte[]> receive(List<byte[]> frames);

	/**
	 * Do timed work (for example expire requests).
	 * @param now the current {@link System#nanoTime()}
	 * @return the next {@link System#nanoTime()} at which to be called, or {@code Long.MAX_VALUE}
	 */
	default long work(long now) {
		return Long.MAX_VALUE;
	}

	/**
	 * Whether nothing is in hand, so the socket may close without losing anything.
	 * @return {@code true} when idle
	 */
	default boolean isIdle() {
		return true;
	}

	/**
	 * Called repeatedly while the receiver is being detached, until it returns {@code true}: let
	 * the messages in hand finish. The owner keeps sending meanwhile.
	 * @return whether the receiver has finished
	 */
	default boolean finish() {
		return true;
	}

	/**
	 * The socket failed or closed: whatever waits on it will get no answer.
	 * @param reason why
	 */
	default void socketLost(ZmqException reason) {
	}

}

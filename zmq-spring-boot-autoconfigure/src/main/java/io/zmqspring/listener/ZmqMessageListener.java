package io.zmqspring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Handles messages received by a {@link ZmqListenerContainer}. Methods annotated with
 * {@link io.zmqspring.annotation.ZmqListener} are adapted to this interface; it can also be
 * implemented directly and registered with {@link ZmqListenerEndpointRegistry}.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqMessageListener {

	/**
	 * Handle a message.
	 * @param message the message
	 * @return the reply frame for replying socket types, or {@code null} for none (a REP listener
	 * then replies with an empty frame)
	 * @throws Exception if the message cannot be handled; the container passes it to the error
	 * handler and keeps consuming
	 */
	byte @Nullable [] onMessage(ZmqInboundMessage message) throws Exception;

}

package io.zmqspring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Handles a message a listener failed on. The container keeps consuming whatever this does.
 * Name a bean of this type in {@code @ZmqListener(errorHandler = "...")} to use it for one
 * listener.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqListenerErrorHandler {

	/**
	 * Handle a failure.
	 * @param message the message that failed
	 * @param exception what failed, with the cause
	 * @return for REP and ROUTER listeners, a reply to send instead of the standard error reply
	 * ({@code byte[]}, or any object the message converter can write); {@code null} sends the
	 * standard error reply
	 * @throws Exception to log the failure as unhandled; the requester still gets the error reply
	 */
	@Nullable Object handleError(ZmqInboundMessage message, ZmqListenerException exception) throws Exception;

}

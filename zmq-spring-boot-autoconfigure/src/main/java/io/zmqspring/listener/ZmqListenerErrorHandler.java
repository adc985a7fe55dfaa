package io.zmqspring.listener;

import java.util.List;

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

	/**
	 * Handle the failure of a batch listener's batch: one failure for the whole batch. By
	 * default, {@link #handleError} with the batch's first message.
	 * @param messages the messages of the batch, at least one
	 * @param exception what failed, with the cause
	 * @throws Exception to log the failure as unhandled
	 */
	default void handleBatchError(List<ZmqInboundMessage> messages, ZmqListenerException exception)
			throws Exception {
		handleError(messages.get(0), exception);
	}

}

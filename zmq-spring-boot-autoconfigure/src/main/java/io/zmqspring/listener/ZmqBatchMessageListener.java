package io.zmqspring.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Handles the messages of a listener in batches ({@link ZmqBatchSettings}); a container with
 * batch settings hands it whole batches. Batch listeners receive one way only (SUB, XSUB, PULL,
 * PAIR, DEALER): they send no replies.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqBatchMessageListener extends ZmqMessageListener {

	/**
	 * Handle a batch.
	 * @param messages the messages, in the order they arrived, at least one
	 * @throws Exception if the batch cannot be handled; the container passes it to the error
	 * handler as one failure and keeps consuming
	 */
	void onBatch(List<ZmqInboundMessage> messages) throws Exception;

	/**
	 * Handle one message as a batch of one, for a container without batch settings.
	 * @param message the message
	 * @return {@code null}: batch listeners send no replies
	 * @throws Exception if the message cannot be handled
	 */
	@Override
	default byte @Nullable [] onMessage(ZmqInboundMessage message) throws Exception {
		onBatch(List.of(message));
		return null;
	}

}

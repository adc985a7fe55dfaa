package io.zmqspring.listener;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSocketReceiver;

/**
 * A listener that runs a protocol of its own over the socket's messages, for example chunked
 * transfers ({@link io.zmqspring.transfer.ZmqTransferListener}): its container hands every
 * message to the receiver it opens, as received, on the socket's owner thread, instead of parsing
 * each one and invoking a handler for it. The receiver runs its handlers on the container's
 * executor and its failures go to the container's error handler
 * ({@link ZmqListenerContext#handleError}).
 *
 * @author zmq-spring-boot
 */
public interface ZmqFramesListener extends ZmqMessageListener {

	/**
	 * Start receiving for one run of the container, from its start to its stop.
	 * @param context the running container
	 * @return what the socket's owner hands the messages to; its methods run on the owner's thread
	 */
	ZmqSocketReceiver open(ZmqListenerContext context);

	/**
	 * Not used: the container hands messages to the receiver {@link #open opened} instead.
	 * @param message a message
	 * @return never
	 */
	@Override
	default byte @Nullable [] onMessage(ZmqInboundMessage message) {
		throw new UnsupportedOperationException("A ZmqFramesListener receives through the receiver it opens");
	}

}

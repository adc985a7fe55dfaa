package io.zmqspring.listener;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The default error handler: logs the listener id, socket, kind and cause, never the payload,
 * and lets the container send the standard error reply.
 *
 * @author zmq-spring-boot
 */
public class LoggingZmqListenerErrorHandler implements ZmqListenerErrorHandler {

	private static final Log logger = LogFactory.getLog(LoggingZmqListenerErrorHandler.class);

	@Override
	public @Nullable Object handleError(ZmqInboundMessage message, ZmqListenerException exception) {
		Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
		logger.error("Listener '" + exception.getListenerId() + "' on socket '" + exception.getSocketName()
				+ "' failed to handle a message (" + exception.getKind().name().toLowerCase(java.util.Locale.ROOT)
				+ ", " + message.getFrames().size() + " frame(s), " + message.getPayload().length + " bytes)", cause);
		return null;
	}

	@Override
	public void handleBatchError(List<ZmqInboundMessage> messages, ZmqListenerException exception) {
		Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
		long bytes = 0;
		for (ZmqInboundMessage message : messages) {
			bytes += message.getPayload().length;
		}
		logger.error("Listener '" + exception.getListenerId() + "' on socket '" + exception.getSocketName()
				+ "' failed to handle a batch of " + messages.size() + " message(s) ("
				+ exception.getKind().name().toLowerCase(java.util.Locale.ROOT) + ", " + bytes + " bytes)", cause);
	}

}

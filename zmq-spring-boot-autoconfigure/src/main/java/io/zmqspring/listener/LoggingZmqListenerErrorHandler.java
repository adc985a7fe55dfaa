package io.zmqspring.listener;

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

}

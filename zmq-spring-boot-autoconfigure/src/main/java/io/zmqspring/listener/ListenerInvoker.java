package io.zmqspring.listener;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqErrorReply;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.metrics.ZmqListenerTimer;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * Runs the listener for one message and works out the reply frames: the return value behind the
 * envelope, or for REP and ROUTER the error handler's replacement or the standard error reply
 * when the listener fails. Never throws for a listener failure, not even for an {@link Error}.
 *
 * @author zmq-spring-boot
 */
final class ListenerInvoker {

	private static final Log logger = LogFactory.getLog(ListenerInvoker.class);

	private final String listenerId;

	private final String socketName;

	private final ZmqSocketType type;

	private final ZmqMessageListener listener;

	private final ZmqListenerErrorHandler errorHandler;

	private final @Nullable ZmqMessageConverter replyConverter;

	private final ZmqMetrics metrics;

	/** Times each message when set; {@code null} (the default) costs one field read per message. */
	private final @Nullable ZmqListenerTimer timer;

	ListenerInvoker(String listenerId, String socketName, ZmqSocketType type, ZmqMessageListener listener,
			ZmqListenerErrorHandler errorHandler, @Nullable ZmqMessageConverter replyConverter, ZmqMetrics metrics) {
		this(listenerId, socketName, type, listener, errorHandler, replyConverter, metrics, null);
	}

	ListenerInvoker(String listenerId, String socketName, ZmqSocketType type, ZmqMessageListener listener,
			ZmqListenerErrorHandler errorHandler, @Nullable ZmqMessageConverter replyConverter, ZmqMetrics metrics,
			@Nullable ZmqListenerTimer timer) {
		this.timer = timer;
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.type = type;
		this.listener = listener;
		this.errorHandler = errorHandler;
		this.replyConverter = replyConverter;
		this.metrics = metrics;
	}

	/**
	 * Handle a message on the calling thread. Whatever the listener or the error handler throws,
	 * {@link Error}s included, is reported and answered here; afterwards the calling thread's
	 * interrupt flag is cleared, so that a handler that left it set cannot break the JeroMQ calls
	 * that follow on this thread.
	 * @param message the message
	 * @return the reply frames to send, or {@code null} for none
	 */
	@Nullable List<byte[]> process(ZmqInboundMessage message) {
		try {
			return invoke(message);
		}
		finally {
			if (Thread.interrupted()) {
				logger.debug(LogMessage.of(() -> "Listener '" + this.listenerId + "' on socket " + this.socketName
						+ " left the thread's interrupt flag set; cleared it"));
			}
		}
	}

	private @Nullable List<byte[]> invoke(ZmqInboundMessage message) {
		byte[] result;
		ZmqListenerTimer timing = this.timer;
		long start = (timing != null) ? System.nanoTime() : 0L;
		try {
			result = this.listener.onMessage(message);
		}
		catch (Throwable ex) {
			if (timing != null) {
				timing.error(rootFailure(ex), System.nanoTime() - start);
			}
			return failed(message, ex);
		}
		if (timing != null) {
			timing.success(System.nanoTime() - start);
		}
		if (!this.type.canReply()) {
			return null;
		}
		if (result == null) {
			if (this.type != ZmqSocketType.REP) {
				return null;
			}
			result = ZmqFrames.EMPTY;
		}
		return withEnvelope(message, result);
	}

	private @Nullable List<byte[]> failed(ZmqInboundMessage message, Throwable ex) {
		ZmqListenerException failure = (ex instanceof ZmqListenerException listenerException) ? listenerException
				: new ZmqListenerException(this.listenerId, this.socketName, ZmqListenerException.Kind.HANDLER, ex);
		this.metrics.listenerError(this.listenerId, this.socketName, failure.getKind().tag());
		Object replacement = null;
		try {
			replacement = this.errorHandler.handleError(message, failure);
		}
		catch (Throwable handlerFailure) {
			logger.error("Error handler of listener '" + this.listenerId + "' on socket " + this.socketName
					+ " failed", handlerFailure);
		}
		if (!this.type.sendsErrorReplies()) {
			return null;
		}
		byte[] replacementBytes = replyBytes(replacement);
		if (replacementBytes != null) {
			return withEnvelope(message, replacementBytes);
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		return withEnvelope(message, ZmqErrorReply.frame(failure.getKind().tag() + ": " + typeName(cause)));
	}

	/** The handler's own exception, not the wrapper a messaging listener puts around it. */
	static Throwable rootFailure(Throwable ex) {
		Throwable cause = ex.getCause();
		return (ex instanceof ZmqListenerException && cause != null) ? cause : ex;
	}

	private static String typeName(Throwable cause) {
		String simpleName = cause.getClass().getSimpleName();
		return simpleName.isEmpty() ? cause.getClass().getName() : simpleName;
	}

	private byte @Nullable [] replyBytes(@Nullable Object replacement) {
		if (replacement == null) {
			return null;
		}
		if (replacement instanceof byte[] bytes) {
			return bytes;
		}
		if (this.replyConverter == null) {
			logger.warn("Listener '" + this.listenerId
					+ "': the error handler returned an object but no converter is set; sending the error reply");
			return null;
		}
		try {
			return this.replyConverter.toBytes(replacement);
		}
		catch (Throwable ex) {
			logger.warn("Listener '" + this.listenerId
					+ "': could not convert the error handler's reply; sending the error reply: " + ex);
			return null;
		}
	}

	private static List<byte[]> withEnvelope(ZmqInboundMessage message, byte[] payload) {
		List<byte[]> envelope = message.getEnvelope();
		if (envelope.isEmpty()) {
			return List.of(payload);
		}
		List<byte[]> reply = new ArrayList<>(envelope.size() + 1);
		reply.addAll(envelope);
		reply.add(payload);
		return reply;
	}

}

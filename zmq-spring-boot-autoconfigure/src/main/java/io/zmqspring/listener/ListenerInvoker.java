package io.zmqspring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqErrorReply;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.metrics.ZmqListenerTimer;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * Runs the listener for one message and works out the reply frames: the return value behind the
 * envelope, or for REP and ROUTER the error handler's replacement or the standard error reply
 * when the listener fails. With {@code @SendTo} the return value is forwarded instead of replied.
 * A return value that completes later ({@code CompletableFuture}, {@code Mono}) is replied or
 * forwarded when it completes, through the {@link ListenerOutput}. Never throws for a listener
 * failure, not even for an {@link Error}.
 *
 * @author zmq-spring-boot
 */
final class ListenerInvoker {

	/** How long a result returned as a future may take when no timeout is set. */
	static final Duration DEFAULT_ASYNC_TIMEOUT = Duration.ofSeconds(30);

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

	/** The listener that hands back its handler's results unconverted, if it is one. */
	private final @Nullable MessagingZmqMessageListener messaging;

	/** Where forwarded and late results go; {@code null} when there is no socket owner to use. */
	private final @Nullable ListenerOutput output;

	/** Whether the result goes back to the peer: a replying type that does not forward. */
	private final boolean replies;

	private final Duration asyncTimeout;

	private final AtomicInteger pendingResults = new AtomicInteger();

	/** The receiving end of durable outboxes on the socket, or {@code null} (the default). */
	private @Nullable ZmqDeliveryTracker tracker;

	ListenerInvoker(String listenerId, String socketName, ZmqSocketType type, ZmqMessageListener listener,
			ZmqListenerErrorHandler errorHandler, @Nullable ZmqMessageConverter replyConverter, ZmqMetrics metrics) {
		this(listenerId, socketName, type, listener, errorHandler, replyConverter, metrics, null, null,
				DEFAULT_ASYNC_TIMEOUT);
	}

	ListenerInvoker(String listenerId, String socketName, ZmqSocketType type, ZmqMessageListener listener,
			ZmqListenerErrorHandler errorHandler, @Nullable ZmqMessageConverter replyConverter, ZmqMetrics metrics,
			@Nullable ZmqListenerTimer timer, @Nullable ListenerOutput output, Duration asyncTimeout) {
		this.timer = timer;
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.type = type;
		this.listener = listener;
		this.errorHandler = errorHandler;
		this.replyConverter = replyConverter;
		this.metrics = metrics;
		this.messaging = (listener instanceof MessagingZmqMessageListener adapter) ? adapter : null;
		this.output = output;
		this.replies = type.canReply() && (output == null || !output.forwards());
		this.asyncTimeout = asyncTimeout;
	}

	/**
	 * Recognize messages from durable outboxes: hand each to the handler once and answer it with
	 * an ack instead of a reply.
	 * @param tracker the tracker, or {@code null} for none
	 */
	void trackDeliveries(@Nullable ZmqDeliveryTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * Handle a message on the calling thread. Whatever the listener or the error handler throws,
	 * {@link Error}s included, is reported and answered here; afterwards the calling thread's
	 * interrupt flag is cleared, so that a handler that left it set cannot break the JeroMQ calls
	 * that follow on this thread. A result that completes later is replied or forwarded when it
	 * does, through the listener's output.
	 * @param message the message
	 * @return the reply frames to send, or {@code null} for none
	 */
	@Nullable List<byte[]> process(ZmqInboundMessage message) {
		try {
			ZmqDeliveryTracker tracking = this.tracker;
			return (tracking != null) ? processTracked(tracking, message) : invoke(message, null);
		}
		finally {
			if (Thread.interrupted()) {
				logger.debug(LogMessage.of(() -> "Listener '" + this.listenerId + "' on socket " + this.socketName
						+ " left the thread's interrupt flag set; cleared it"));
			}
		}
	}

	/**
	 * Return how many results the handler returned as futures that have not completed yet.
	 * @return the count
	 */
	int pendingResults() {
		return this.pendingResults.get();
	}

	/**
	 * Handle a message that may come from a durable outbox: a delivery frame right after a
	 * ROUTER's routing id, or first.
	 */
	private @Nullable List<byte[]> processTracked(ZmqDeliveryTracker tracking, ZmqInboundMessage message) {
		int index = (this.type == ZmqSocketType.ROUTER) ? 1 : 0;
		List<byte[]> frames = message.getFrames();
		if (frames.size() < index + 2) {
			return invoke(message, null);
		}
		ZmqDeliveryTracker.ZmqDelivery delivery;
		try {
			delivery = tracking.begin(frames.get(index));
		}
		catch (RuntimeException ex) {
			// not handled and not acknowledged: the sender sends it again
			this.metrics.listenerError(this.listenerId, this.socketName, "delivery");
			logger.warn(LogMessage.of(() -> "Listener '" + this.listenerId + "' on socket " + this.socketName
					+ " could not record the delivery of an outbox message; it is left to be sent again: " + ex));
			return null;
		}
		if (delivery == null) {
			return invoke(message, null);
		}
		ZmqInboundMessage stripped = message.withoutFrame(index,
				(delivery.decision() == ZmqDeliveryTracker.Decision.HANDLE_POSSIBLE_DUPLICATE)
						? Map.of(ZmqHeaders.OUTBOX_ID, delivery.id(), ZmqHeaders.POSSIBLE_DUPLICATE, "true")
						: Map.of(ZmqHeaders.OUTBOX_ID, delivery.id()));
		return switch (delivery.decision()) {
			case ACKNOWLEDGE -> withEnvelope(stripped, delivery.ack());
			case DISCARD -> null;
			default -> invoke(stripped, delivery);
		};
	}

	/**
	 * The handler returned for a message from a durable outbox: record it and answer with the
	 * ack, whatever the handler returned. A reply conversion that fails is reported, and the
	 * message still counts as handled.
	 */
	private @Nullable List<byte[]> acknowledged(ZmqInboundMessage message, @Nullable Object result,
			ZmqDeliveryTracker.ZmqDelivery delivery) {
		try {
			completed(message, result);
		}
		catch (Throwable ex) {
			failed(message, ex);
		}
		ZmqDeliveryTracker tracking = this.tracker;
		try {
			if (tracking != null) {
				tracking.complete(delivery);
			}
		}
		catch (RuntimeException ex) {
			this.metrics.listenerError(this.listenerId, this.socketName, "delivery");
			logger.warn(LogMessage.of(() -> "Listener '" + this.listenerId + "' on socket " + this.socketName
					+ " could not record an outbox message as handled; not acknowledging it: " + ex));
			return null;
		}
		return withEnvelope(message, delivery.ack());
	}

	/** A failed outbox message is not acknowledged: its sender sends it again, and it is handled as new. */
	private void abandon(ZmqDeliveryTracker.ZmqDelivery delivery) {
		ZmqDeliveryTracker tracking = this.tracker;
		try {
			if (tracking != null) {
				tracking.abandon(delivery);
			}
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.of(() -> "Could not forget the start of a failed outbox message: " + ex));
		}
	}

	private @Nullable List<byte[]> invoke(ZmqInboundMessage message,
			ZmqDeliveryTracker.@Nullable ZmqDelivery delivery) {
		List<byte[]> reply;
		ZmqListenerTimer timing = this.timer;
		long start = (timing != null) ? System.nanoTime() : 0L;
		try {
			MessagingZmqMessageListener adapter = this.messaging;
			Object result = (adapter != null) ? adapter.invoke(message) : this.listener.onMessage(message);
			CompletableFuture<?> later = (result == null || result instanceof byte[]) ? null
					: AsyncResults.toFuture(result);
			if (later != null && !later.isDone()) {
				reply = null;
				completeLater(message, result, later, delivery);
			}
			else {
				Object value = (later != null) ? later.join() : result;
				reply = (delivery != null) ? acknowledged(message, value, delivery) : completed(message, value);
			}
		}
		catch (Throwable ex) {
			Throwable failure = AsyncResults.unwrap(ex);
			if (timing != null) {
				timing.error(rootFailure(failure), System.nanoTime() - start);
			}
			List<byte[]> failedReply = failed(message, failure);
			if (delivery != null) {
				abandon(delivery);
				return null;
			}
			return failedReply;
		}
		if (timing != null) {
			timing.success(System.nanoTime() - start);
		}
		return reply;
	}

	/**
	 * Turn a complete result into the reply to send, or forward it.
	 * @return the reply frames, or {@code null} for none
	 */
	private @Nullable List<byte[]> completed(ZmqInboundMessage message, @Nullable Object result) {
		ListenerOutput out = this.output;
		if (out != null && out.forwards()) {
			byte[] payload = toPayload(result, message);
			if (payload != null) {
				out.forward(payload, topicOf(result));
			}
			return null;
		}
		if (!this.replies) {
			return null;
		}
		byte[] payload = toPayload(result, message);
		if (payload == null) {
			if (this.type != ZmqSocketType.REP) {
				return null;
			}
			payload = ZmqFrames.EMPTY;
		}
		return withEnvelope(message, payload);
	}

	private byte @Nullable [] toPayload(@Nullable Object result, ZmqInboundMessage message) {
		if (result == null || result instanceof byte[]) {
			return (byte[]) result;
		}
		MessagingZmqMessageListener adapter = this.messaging;
		Assert.state(adapter != null, () -> "Listener '" + this.listenerId + "' returned "
				+ result.getClass().getName() + "; a ZmqMessageListener returns the reply's bytes");
		return adapter.toPayload(result, message);
	}

	private static @Nullable String topicOf(@Nullable Object result) {
		return (result instanceof Message<?> message) ? message.getHeaders().get(ZmqHeaders.TOPIC, String.class)
				: null;
	}

	/**
	 * Reply or forward once a future completes, on the thread that completes it; a future that
	 * fails answers with the error reply and one that does not complete within the timeout with
	 * the error reply of kind {@code timeout}. No worker waits for it meanwhile.
	 */
	private void completeLater(ZmqInboundMessage message, @Nullable Object result, CompletableFuture<?> future,
			ZmqDeliveryTracker.@Nullable ZmqDelivery delivery) {
		ListenerOutput out = this.output;
		Assert.state(out != null, () -> "Listener '" + this.listenerId + "' returned a "
				+ result.getClass().getName() + ", which only a running container can send once it completes");
		this.pendingResults.incrementAndGet();
		boolean cancelOnTimeout = AsyncResults.ownsFuture(result);
		future.copy().orTimeout(this.asyncTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, ex) -> {
			try {
				List<byte[]> reply;
				if (ex == null) {
					reply = (delivery != null) ? acknowledged(message, value, delivery)
							: completedSafely(message, value);
				}
				else {
					Throwable failure = AsyncResults.unwrap(ex);
					if (failure instanceof TimeoutException && !future.isDone()) {
						if (cancelOnTimeout) {
							future.cancel(false);
						}
						failure = new ZmqListenerException(this.listenerId, this.socketName,
								ZmqListenerException.Kind.TIMEOUT, new TimeoutException("no result within "
										+ this.asyncTimeout.toMillis() + " ms"));
					}
					reply = failed(message, failure);
					if (delivery != null) {
						abandon(delivery);
						reply = null;
					}
				}
				if (reply != null) {
					out.reply(reply);
				}
			}
			finally {
				this.pendingResults.decrementAndGet();
			}
		});
	}

	private @Nullable List<byte[]> completedSafely(ZmqInboundMessage message, @Nullable Object value) {
		try {
			return completed(message, value);
		}
		catch (Throwable ex) {
			return failed(message, ex);
		}
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
		if (!this.replies || !this.type.sendsErrorReplies()) {
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

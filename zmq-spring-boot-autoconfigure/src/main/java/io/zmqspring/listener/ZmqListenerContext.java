package io.zmqspring.listener;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskExecutor;

import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * What a {@link ZmqFramesListener} gets of the container it runs in, for one run: the listener's
 * id, the socket's owner, the executor and concurrency for its handlers, the stop timeout, the
 * metrics and the error handler.
 *
 * @author zmq-spring-boot
 */
public final class ZmqListenerContext {

	private static final Log logger = LogFactory.getLog(ZmqListenerContext.class);

	private final String listenerId;

	private final ZmqSocketOwner owner;

	private final TaskExecutor taskExecutor;

	private final int concurrency;

	private final Duration stopTimeout;

	private final ZmqMetrics metrics;

	private final ZmqListenerErrorHandler errorHandler;

	ZmqListenerContext(String listenerId, ZmqSocketOwner owner, TaskExecutor taskExecutor, int concurrency,
			Duration stopTimeout, ZmqMetrics metrics, ZmqListenerErrorHandler errorHandler) {
		this.listenerId = listenerId;
		this.owner = owner;
		this.taskExecutor = taskExecutor;
		this.concurrency = concurrency;
		this.stopTimeout = stopTimeout;
		this.metrics = metrics;
		this.errorHandler = errorHandler;
	}

	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the owner of the listener's socket.
	 * @return the owner
	 */
	public ZmqSocketOwner getOwner() {
		return this.owner;
	}

	/**
	 * Return the executor to run handlers on, never the socket's owner thread.
	 * @return the executor
	 */
	public TaskExecutor getTaskExecutor() {
		return this.taskExecutor;
	}

	/**
	 * Return how many handlers may run at once ({@code @ZmqListener(concurrency)}).
	 * @return at least one
	 */
	public int getConcurrency() {
		return this.concurrency;
	}

	/**
	 * Return how long stopping waits for the handlers in progress.
	 * @return the stop timeout
	 */
	public Duration getStopTimeout() {
		return this.stopTimeout;
	}

	public ZmqMetrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Report a handler that failed: counted as {@code zmq.listener.errors} with the kind
	 * {@code handler} and handed to the listener's error handler, whose own failure is logged.
	 * @param frames what the handler was given, as frames for the error handler (the last one
	 * counts as the payload)
	 * @param routingId the peer's routing id, or {@code null}
	 * @param failure what the handler threw
	 */
	public void handleError(List<byte[]> frames, byte @Nullable [] routingId, Throwable failure) {
		String socket = this.owner.getName();
		this.metrics.listenerError(this.listenerId, socket, ZmqListenerException.Kind.HANDLER.tag());
		ZmqInboundMessage message = new ZmqInboundMessage(this.listenerId, socket, frames, (routingId != null) ? 1 : 0,
				null, routingId);
		try {
			this.errorHandler.handleError(message,
					new ZmqListenerException(this.listenerId, socket, ZmqListenerException.Kind.HANDLER, failure));
		}
		catch (Throwable ex) {
			logger.error("Listener '" + this.listenerId + "' on socket '" + socket + "' failed, and so did its error "
					+ "handler", ex);
		}
	}

}

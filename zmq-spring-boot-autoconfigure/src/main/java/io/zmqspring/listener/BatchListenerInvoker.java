package io.zmqspring.listener;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

import io.zmqspring.metrics.ZmqListenerTimer;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * Runs a batch listener for one batch. A failure, {@link Error}s included, is one failure for the
 * whole batch: counted once in {@code zmq.listener.errors} and handed to the error handler's
 * {@link ZmqListenerErrorHandler#handleBatchError}. Never throws for a listener failure.
 *
 * @author zmq-spring-boot
 */
final class BatchListenerInvoker {

	private static final Log logger = LogFactory.getLog(BatchListenerInvoker.class);

	private final String listenerId;

	private final String socketName;

	private final ZmqBatchMessageListener listener;

	private final ZmqListenerErrorHandler errorHandler;

	private final ZmqMetrics metrics;

	private final @Nullable ZmqListenerTimer timer;

	BatchListenerInvoker(String listenerId, String socketName, ZmqBatchMessageListener listener,
			ZmqListenerErrorHandler errorHandler, ZmqMetrics metrics, @Nullable ZmqListenerTimer timer) {
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.listener = listener;
		this.errorHandler = errorHandler;
		this.metrics = metrics;
		this.timer = timer;
	}

	/**
	 * Handle a batch on the calling thread, then clear the thread's interrupt flag.
	 * @param batch the messages
	 * @return {@code null}: batch listeners send no replies
	 */
	@Nullable List<byte[]> process(List<ZmqInboundMessage> batch) {
		ZmqListenerTimer timing = this.timer;
		long start = (timing != null) ? System.nanoTime() : 0L;
		try {
			this.listener.onBatch(batch);
			if (timing != null) {
				timing.success(System.nanoTime() - start);
			}
		}
		catch (Throwable ex) {
			if (timing != null) {
				timing.error(ListenerInvoker.rootFailure(ex), System.nanoTime() - start);
			}
			failed(batch, ex);
		}
		finally {
			if (Thread.interrupted()) {
				logger.debug(LogMessage.of(() -> "Listener '" + this.listenerId + "' on socket " + this.socketName
						+ " left the thread's interrupt flag set; cleared it"));
			}
		}
		return null;
	}

	private void failed(List<ZmqInboundMessage> batch, Throwable ex) {
		ZmqListenerException failure = (ex instanceof ZmqListenerException listenerException) ? listenerException
				: new ZmqListenerException(this.listenerId, this.socketName, ZmqListenerException.Kind.HANDLER, ex);
		this.metrics.listenerError(this.listenerId, this.socketName, failure.getKind().tag());
		try {
			this.errorHandler.handleBatchError(batch, failure);
		}
		catch (Throwable handlerFailure) {
			logger.error("Error handler of listener '" + this.listenerId + "' on socket " + this.socketName
					+ " failed on a batch of " + batch.size() + " message(s)", handlerFailure);
		}
	}

}

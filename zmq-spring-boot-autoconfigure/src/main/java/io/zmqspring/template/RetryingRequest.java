package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * A request that is sent again when a try gets no reply within its try timeout, the Guide's Lazy
 * Pirate on a correlating socket: each try is a {@link PendingRequest} of its own, with a new
 * correlation id, so a late reply to an earlier try is discarded like any late reply.
 * <p>
 * Spring's {@link org.springframework.core.retry.RetryTemplate} does not fit here: it retries by
 * blocking the calling thread, and request-reply is a chain of futures completed on the
 * socket's owner thread. So this small loop on futures does the retrying, while a
 * {@link RetryPolicy} decides what is retried, how often and after what back-off. A retry is
 * sent from another thread than the one that completed the try (the socket's owner), so that the
 * owner never waits for room in its own queue.
 *
 * @author zmq-spring-boot
 */
final class RetryingRequest {

	private static final Log logger = LogFactory.getLog(RetryingRequest.class);

	private final ZmqSocketOwner owner;

	private final CorrelatingReceiver correlation;

	private final List<byte[]> frames;

	private final RetryPolicy policy;

	private final BackOffExecution backOff;

	private final Duration tryTimeout;

	private final long deadlineNanos;

	private final ZmqMetrics metrics;

	final CompletableFuture<List<byte[]>> future = new CompletableFuture<>();

	/** Written before each try is sent, read when it completes: always one try at a time. */
	private volatile int tries;

	RetryingRequest(ZmqSocketOwner owner, CorrelatingReceiver correlation, List<byte[]> frames, RetryPolicy policy,
			Duration tryTimeout, Duration timeout, ZmqMetrics metrics) {
		this.owner = owner;
		this.correlation = correlation;
		this.frames = frames;
		this.policy = policy;
		this.backOff = policy.getBackOff().start();
		this.tryTimeout = tryTimeout;
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
		this.metrics = metrics;
	}

	/**
	 * Send the first try on the calling thread, so that a socket that takes no request fails the
	 * caller as a single request would.
	 * @return the future of the reply to any of the tries
	 */
	CompletableFuture<List<byte[]>> start() {
		send();
		return this.future;
	}

	private void send() {
		long left = this.deadlineNanos - System.nanoTime();
		Duration wait = (left < this.tryTimeout.toNanos()) ? Duration.ofNanos(left) : this.tryTimeout;
		PendingRequest attempt = new PendingRequest(this.frames, wait, this.correlation);
		this.tries++;
		this.owner.send(attempt);
		attempt.future.whenComplete(this::tried);
	}

	private void tried(@Nullable List<byte[]> reply, @Nullable Throwable ex) {
		if (ex == null) {
			this.future.complete(reply);
			return;
		}
		if (this.future.isDone()) {
			return;
		}
		if (!this.policy.shouldRetry(ex)) {
			this.future.completeExceptionally(ex);
			return;
		}
		long delay = this.backOff.nextBackOff();
		long left = this.deadlineNanos - System.nanoTime();
		if (delay == BackOffExecution.STOP || left <= TimeUnit.MILLISECONDS.toNanos(delay)) {
			this.future.completeExceptionally(new ZmqReplyTimeoutException(this.owner.getName(), this.tryTimeout,
					this.tries));
			return;
		}
		this.metrics.requestRetried(this.owner.getName());
		logger.debug(LogMessage.of(() -> "Socket " + this.owner.getName() + ": no reply to try " + this.tries
				+ " within " + this.tryTimeout.toMillis() + " ms; sending the request again"));
		CompletableFuture.runAsync(this::retry, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
	}

	private void retry() {
		if (this.future.isDone()) {
			return;
		}
		try {
			send();
		}
		catch (RuntimeException ex) {
			this.future.completeExceptionally(ex);
		}
	}

}

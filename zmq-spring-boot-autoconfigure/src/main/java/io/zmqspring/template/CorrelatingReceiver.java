package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSingleFrames;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.metrics.ZmqRequestTimer;

/**
 * The template's side of a request socket: hands replies to the {@link RequestCorrelator} and
 * expires requests, on the socket owner's thread.
 *
 * @author zmq-spring-boot
 */
final class CorrelatingReceiver implements ZmqSocketReceiver {

	private final String socketName;

	private final ZmqMetrics metrics;

	private final RequestCorrelator correlator;

	private final ZmqRequestTimer timer;

	private final boolean singleFrame;

	private final ZmqRequestPolicy policy;

	/**
	 * Whether the socket had a peer that answered and has none now, as its owner's monitor
	 * counts them. A socket that has not reached a peer yet (right after startup) has lost none.
	 */
	private final BooleanSupplier peerLost;

	/** Whether requests in flight fail once the socket has no connection left. */
	private final boolean failFast;

	CorrelatingReceiver(String socketName, ZmqMetrics metrics, ZmqRequestPolicy policy, BooleanSupplier peerLost) {
		this(socketName, metrics, policy, peerLost, false);
	}

	CorrelatingReceiver(String socketName, ZmqMetrics metrics, ZmqRequestPolicy policy, BooleanSupplier peerLost,
			boolean singleFrame) {
		this.singleFrame = singleFrame;
		this.socketName = socketName;
		this.metrics = metrics;
		this.correlator = new RequestCorrelator(socketName, metrics);
		this.timer = metrics.requestTimer(socketName);
		this.policy = policy;
		this.peerLost = peerLost;
		this.failFast = policy.failFastWhenDisconnected();
	}

	/**
	 * Send a request through the socket's owner, as the socket's policy says: once, or again
	 * after a try without reply; at once failing while no peer is connected, if asked to.
	 * @param owner the socket's owner
	 * @param frames the request's frames
	 * @param timeout how long the request may take, all tries together
	 * @return the future of the reply's frames after the envelope
	 * @throws ZmqSendException if the socket cannot take the request, or has no peer and
	 * fails fast
	 */
	CompletableFuture<List<byte[]>> request(ZmqSocketOwner owner, List<byte[]> frames, Duration timeout) {
		if (this.failFast && this.peerLost.getAsBoolean()) {
			this.metrics.sendFailure(this.socketName, "no-peer");
			throw new ZmqSendException(this.socketName,
					"no peer is connected (none answered on an open connection), and the socket fails fast "
							+ "(request.fail-fast-when-disconnected)");
		}
		RetryPolicy retryPolicy = this.policy.retryPolicy();
		Duration tryTimeout = this.policy.tryTimeout();
		if (retryPolicy == null || tryTimeout == null) {
			PendingRequest request = new PendingRequest(frames, timeout, this);
			owner.send(request);
			return request.future;
		}
		return new RetryingRequest(owner, this, frames, retryPolicy, tryTimeout, timeout, this.metrics).start();
	}

	/**
	 * Return the timer of the socket's round trips.
	 * @return the timer
	 */
	ZmqRequestTimer timer() {
		return this.timer;
	}

	RequestCorrelator correlator() {
		return this.correlator;
	}

	/**
	 * Whether requests and replies are one frame each, with the correlation inside (CLIENT).
	 * @return whether the socket is single-frame
	 */
	boolean isSingleFrame() {
		return this.singleFrame;
	}

	@Override
	public @Nullable List<byte[]> receive(List<byte[]> frames) {
		if (this.singleFrame && frames.size() == 1 && ZmqSingleFrames.isRequest(frames.get(0))) {
			// the correlating envelope, as a DEALER would have received it
			List<byte[]> split = ZmqSingleFrames.split(frames.get(0));
			this.correlator.dispatch(List.of(ZmqSingleFrames.correlation(split.get(0)), ZmqFrames.EMPTY, split.get(1)));
			return null;
		}
		this.correlator.dispatch(frames);
		return null;
	}

	@Override
	public long work(long now) {
		if (this.failFast && this.peerLost.getAsBoolean() && !this.correlator.isEmpty()) {
			this.correlator.failAll(new ZmqSendException(this.socketName,
					"the last peer disconnected before the reply came (request.fail-fast-when-disconnected)"));
		}
		this.correlator.expire(now);
		return this.correlator.nextDeadline();
	}

	@Override
	public boolean isIdle() {
		return this.correlator.isEmpty();
	}

	@Override
	public void socketLost(ZmqException reason) {
		this.correlator.failAll(reason);
	}

	/**
	 * Fail a request not sent yet whose deadline has passed.
	 * @param request the request
	 * @param now the current {@link System#nanoTime()}
	 * @return whether it expired
	 */
	boolean expireIfDue(PendingRequest request, long now) {
		if (now - request.deadlineNanos < 0) {
			return false;
		}
		if (request.failed(new ZmqReplyTimeoutException(this.socketName, request.timeout),
				ZmqRequestTimer.Outcome.TIMEOUT)) {
			this.metrics.replyTimeout(this.socketName);
		}
		return true;
	}

	@Override
	public String toString() {
		return "the template's request-reply on socket " + this.socketName;
	}

}

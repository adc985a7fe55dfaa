package io.zmqspring.template;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSingleFrames;
import io.zmqspring.core.ZmqReplyTimeoutException;
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

	CorrelatingReceiver(String socketName, ZmqMetrics metrics) {
		this(socketName, metrics, false);
	}

	CorrelatingReceiver(String socketName, ZmqMetrics metrics, boolean singleFrame) {
		this.singleFrame = singleFrame;
		this.socketName = socketName;
		this.metrics = metrics;
		this.correlator = new RequestCorrelator(socketName, metrics);
		this.timer = metrics.requestTimer(socketName);
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

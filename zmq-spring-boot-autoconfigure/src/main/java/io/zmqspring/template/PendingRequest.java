package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqOutbound;
import io.zmqspring.core.ZmqSingleFrames;
import io.zmqspring.metrics.ZmqRequestTimer;

/**
 * A request handed to a socket's owner, waiting to be sent and then for its reply. It goes out
 * as {@code [correlation id, empty delimiter, frames...]}, or on a CLIENT socket as one frame with
 * the correlation in its header ({@link ZmqSingleFrames}).
 *
 * @author zmq-spring-boot
 */
final class PendingRequest implements ZmqOutbound {

	final List<byte[]> frames;

	final Duration timeout;

	final long startNanos;

	final long deadlineNanos;

	final CompletableFuture<List<byte[]>> future = new CompletableFuture<>();

	private final CorrelatingReceiver correlation;

	/** Correlation id, assigned by the socket's thread when the request is sent. */
	long id;

	PendingRequest(List<byte[]> frames, Duration timeout, CorrelatingReceiver correlation) {
		this.frames = frames;
		this.timeout = timeout;
		this.startNanos = System.nanoTime();
		this.deadlineNanos = this.startNanos + timeout.toNanos();
		this.correlation = correlation;
	}

	@Override
	public boolean write(ZMQ.Socket socket) {
		RequestCorrelator correlator = this.correlation.correlator();
		if (this.correlation.isSingleFrame()) {
			// CLIENT: one frame, the correlation inside it (the template checked it has one body frame)
			if (!socket.send(ZmqSingleFrames.request(correlator.nextCorrelation(), this.frames.get(0)), ZMQ.DONTWAIT)) {
				return false;
			}
			correlator.sent(this);
			return true;
		}
		if (!socket.send(correlator.nextCorrelation(), ZMQ.DONTWAIT | ZMQ.SNDMORE)) {
			return false;
		}
		socket.send(ZmqFrames.EMPTY, ZMQ.DONTWAIT | ZMQ.SNDMORE);
		int last = this.frames.size() - 1;
		for (int i = 0; i < last; i++) {
			socket.send(this.frames.get(i), ZMQ.DONTWAIT | ZMQ.SNDMORE);
		}
		socket.send(this.frames.get(last), ZMQ.DONTWAIT);
		correlator.sent(this);
		return true;
	}

	@Override
	public long byteCount() {
		long bytes = Long.BYTES;
		for (byte[] frame : this.frames) {
			bytes += frame.length;
		}
		return bytes;
	}

	@Override
	public void fail(ZmqException reason) {
		failed(reason, ZmqRequestTimer.Outcome.FAILED);
	}

	/**
	 * Complete the request with its reply and time it.
	 * @param reply the reply's body
	 */
	void succeeded(List<byte[]> reply) {
		if (this.future.complete(reply)) {
			record(ZmqRequestTimer.Outcome.SUCCESS);
		}
	}

	/**
	 * Fail the request and time it, unless it already completed.
	 * @param reason the failure
	 * @param outcome the outcome to time it with
	 * @return whether this completed the request
	 */
	boolean failed(Throwable reason, ZmqRequestTimer.Outcome outcome) {
		if (this.future.completeExceptionally(reason)) {
			record(outcome);
			return true;
		}
		return false;
	}

	private void record(ZmqRequestTimer.Outcome outcome) {
		this.correlation.timer().record(outcome, System.nanoTime() - this.startNanos);
	}

	@Override
	public boolean isDone() {
		return this.future.isDone() || this.correlation.expireIfDue(this, System.nanoTime());
	}

}

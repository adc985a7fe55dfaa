package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqOutbound;

/**
 * A request handed to a socket's owner, waiting to be sent and then for its reply. It goes out
 * as {@code [correlation id, empty delimiter, frames...]}.
 *
 * @author zmq-spring-boot
 */
final class PendingRequest implements ZmqOutbound {

	final List<byte[]> frames;

	final Duration timeout;

	final long deadlineNanos;

	final CompletableFuture<List<byte[]>> future = new CompletableFuture<>();

	private final CorrelatingReceiver correlation;

	/** Correlation id, assigned by the socket's thread when the request is sent. */
	long id;

	PendingRequest(List<byte[]> frames, Duration timeout, CorrelatingReceiver correlation) {
		this.frames = frames;
		this.timeout = timeout;
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
		this.correlation = correlation;
	}

	@Override
	public boolean write(ZMQ.Socket socket) {
		RequestCorrelator correlator = this.correlation.correlator();
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
		this.future.completeExceptionally(reason);
	}

	@Override
	public boolean isDone() {
		return this.future.isDone() || this.correlation.expireIfDue(this, System.nanoTime());
	}

}

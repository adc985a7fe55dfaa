package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A request handed to a socket's thread, waiting to be sent and then for its reply.
 *
 * @author zmq-spring-boot
 */
final class PendingRequest {

	final List<byte[]> frames;

	final Duration timeout;

	final long deadlineNanos;

	final CompletableFuture<List<byte[]>> future = new CompletableFuture<>();

	/** Correlation id, assigned by the socket's thread when the request is sent. */
	long id;

	PendingRequest(List<byte[]> frames, Duration timeout) {
		this.frames = frames;
		this.timeout = timeout;
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
	}

}

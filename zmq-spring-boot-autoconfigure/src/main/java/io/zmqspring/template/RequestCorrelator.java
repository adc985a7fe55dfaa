package io.zmqspring.template;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

import io.zmqspring.core.ZmqErrorReply;
import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.metrics.ZmqRequestTimer;

/**
 * The requests a correlating socket has sent and is waiting on: it hands out correlation ids,
 * matches replies to them, expires them at their deadline and discards replies nobody waits for.
 * Ids start at a random value per instance, so they are unique across sockets and restarts.
 * Used only by the socket's own thread.
 *
 * @author zmq-spring-boot
 */
final class RequestCorrelator {

	private static final Log logger = LogFactory.getLog(RequestCorrelator.class);

	private final String socketName;

	private final ZmqMetrics metrics;

	private final Map<Long, PendingRequest> inflight = new HashMap<>();

	private final PriorityQueue<PendingRequest> deadlines = new PriorityQueue<>(
			Comparator.comparingLong((PendingRequest request) -> request.deadlineNanos));

	private long nextId;

	/**
	 * Create a correlator whose ids start at a random 64-bit value, so that a reply meant for
	 * another socket, or for this socket before a restart (same routing id), matches no request
	 * here and is discarded.
	 * @param socketName the socket, for logs and metrics
	 * @param metrics where discarded replies and timeouts are counted
	 */
	RequestCorrelator(String socketName, ZmqMetrics metrics) {
		this(socketName, metrics, new SecureRandom().nextLong());
	}

	/**
	 * Create a correlator whose ids start at a given value; they wrap around past
	 * {@link Long#MAX_VALUE}.
	 * @param socketName the socket, for logs and metrics
	 * @param metrics where discarded replies and timeouts are counted
	 * @param firstId the first correlation id to hand out
	 */
	RequestCorrelator(String socketName, ZmqMetrics metrics, long firstId) {
		this.socketName = socketName;
		this.metrics = metrics;
		this.nextId = firstId;
	}

	/**
	 * Return the correlation frame for the next request to send.
	 * @return eight bytes, big-endian
	 */
	byte[] nextCorrelation() {
		return longToBytes(this.nextId);
	}

	/**
	 * Record that a request went out with the correlation last handed out.
	 * @param request the request
	 */
	void sent(PendingRequest request) {
		// overflows from Long.MAX_VALUE to Long.MIN_VALUE: ids only need to differ
		request.id = this.nextId++;
		this.inflight.put(request.id, request);
		this.deadlines.add(request);
	}

	boolean isEmpty() {
		return this.inflight.isEmpty();
	}

	/**
	 * Return the earliest deadline of the requests in flight.
	 * @return the deadline in {@link System#nanoTime()} terms, or {@code Long.MAX_VALUE}
	 */
	long nextDeadline() {
		PendingRequest next = this.deadlines.peek();
		return (next != null) ? next.deadlineNanos : Long.MAX_VALUE;
	}

	/**
	 * Complete the request a reply belongs to, or discard the reply.
	 * @param frames the reply: correlation, empty delimiter, body
	 */
	void dispatch(List<byte[]> frames) {
		if (frames.size() < 3 || frames.get(0).length != Long.BYTES || frames.get(1).length != 0) {
			this.metrics.replyDiscarded(this.socketName);
			logger.debug(LogMessage.of(() -> "Socket " + this.socketName
					+ " discarded a reply without a correlation envelope (" + frames.size() + " frames)"));
			return;
		}
		long id = bytesToLong(frames.get(0));
		PendingRequest request = this.inflight.remove(id);
		if (request == null) {
			this.metrics.replyDiscarded(this.socketName);
			logger.debug(LogMessage.of(() -> "Socket " + this.socketName
					+ " discarded a late or unknown reply (correlation " + id + ")"));
			return;
		}
		List<byte[]> body = new ArrayList<>(frames.subList(2, frames.size()));
		String reason = ZmqErrorReply.reasonOf(body);
		if (reason != null) {
			request.failed(new ZmqRemoteException(this.socketName, reason), ZmqRequestTimer.Outcome.REMOTE_ERROR);
		}
		else {
			request.succeeded(body);
		}
	}

	/**
	 * Fail the requests whose deadline has passed; their replies will be discarded.
	 * @param now the current {@link System#nanoTime()}
	 */
	void expire(long now) {
		PendingRequest next;
		while ((next = this.deadlines.peek()) != null && now - next.deadlineNanos >= 0) {
			this.deadlines.poll();
			if (this.inflight.remove(next.id, next)) {
				this.metrics.replyTimeout(this.socketName);
				next.failed(new ZmqReplyTimeoutException(this.socketName, next.timeout), ZmqRequestTimer.Outcome.TIMEOUT);
			}
		}
	}

	/**
	 * Fail every request in flight.
	 * @param reason the failure
	 */
	void failAll(ZmqException reason) {
		for (PendingRequest request : this.inflight.values()) {
			request.failed(reason, ZmqRequestTimer.Outcome.FAILED);
		}
		this.inflight.clear();
		this.deadlines.clear();
	}

	static byte[] longToBytes(long value) {
		byte[] bytes = new byte[Long.BYTES];
		for (int i = Long.BYTES - 1; i >= 0; i--) {
			bytes[i] = (byte) value;
			value >>>= 8;
		}
		return bytes;
	}

	static long bytesToLong(byte[] bytes) {
		long value = 0;
		for (byte b : bytes) {
			value = (value << 8) | (b & 0xFF);
		}
		return value;
	}

}

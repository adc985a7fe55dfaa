package io.zmqspring.outbox;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * An outbox's side of its socket, on the socket owner's thread (the only one that touches the
 * socket): sends the stored messages, each behind its delivery frame, keeping at most
 * {@code maxInFlight} unacknowledged on the wire; takes the receiver's acks; and sends a message
 * again when its ack does not come within the ack timeout while a peer is connected, or at once
 * when a peer (re)connects, since what was on the way to a peer that went away is lost.
 *
 * @author zmq-spring-boot
 */
final class OutboxDispatcher implements ZmqSocketReceiver {

	private static final Log logger = LogFactory.getLog(OutboxDispatcher.class);

	private static final ZmqRateLimitedLog strayMessages = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	/** How soon to try again when the socket took no more. */
	private static final long BLOCKED_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final String socketName;

	private final OutboxStore store;

	private final byte[] sender;

	private final long ackTimeoutNanos;

	private final int maxInFlight;

	private final ZmqMetrics metrics;

	private final ZmqSocketStats stats;

	// Owned by the socket's thread

	private ZMQ.@Nullable Socket socket;

	/** The messages sent and not acknowledged, by sequence, with when they were last sent; oldest first. */
	private final LinkedHashMap<Long, InFlight> inFlight = new LinkedHashMap<>();

	/** A message taken from the feed that the socket did not take yet. */
	private OutboxStore.@Nullable Stored next;

	private final Runnable wakeup;

	private int greeted;

	private boolean blocked;

	OutboxDispatcher(String socketName, OutboxStore store, Duration ackTimeout, int maxInFlight, ZmqMetrics metrics,
			ZmqSocketStats stats, Runnable wakeup) {
		this.wakeup = wakeup;
		this.socketName = socketName;
		this.store = store;
		this.sender = store.sender();
		this.ackTimeoutNanos = ackTimeout.toNanos();
		this.maxInFlight = maxInFlight;
		this.metrics = metrics;
		this.stats = stats;
	}

	@Override
	public void opened(ZMQ.Socket socket) {
		this.socket = socket;
		// a new socket has none of the old one's messages: send them all again
		dueNow();
	}

	@Override
	public @Nullable List<byte[]> receive(List<byte[]> frames) {
		byte[] frame = frames.get(frames.size() - 1);
		if (frames.size() != 1 || !ZmqOutboxFrames.isAck(frame) || !ZmqOutboxFrames.isFrom(frame, this.sender)) {
			this.metrics.invalidMessage(this.socketName, "not-an-outbox-ack");
			strayMessages.warn(this.socketName, "Outbox socket " + this.socketName + " received a message of "
					+ frames.size() + " frame(s) that is not an ack of its own; discarded", null);
			return null;
		}
		long[] acked = ZmqOutboxFrames.acked(frame);
		int known = 0;
		for (long sequence : acked) {
			if (this.inFlight.remove(sequence) != null) {
				known++;
			}
		}
		// an ack of a message sent before a restart (not in flight here) deletes it too
		this.store.acknowledge(acked);
		if (known > 0) {
			this.metrics.outboxAcked(this.socketName, known);
		}
		return null;
	}

	@Override
	public long work(long now) {
		ZMQ.Socket owned = this.socket;
		if (owned == null) {
			return Long.MAX_VALUE;
		}
		int greetedNow = this.stats.getGreetedConnections();
		if (greetedNow > this.greeted) {
			dueNow();
		}
		this.greeted = greetedNow;
		this.blocked = false;
		if (greetedNow > 0) {
			redeliver(owned, now);
		}
		sendNew(owned, now);
		if (this.blocked) {
			return now + BLOCKED_RETRY_NANOS;
		}
		if (this.inFlight.isEmpty()) {
			return Long.MAX_VALUE;
		}
		long oldest = this.inFlight.values().iterator().next().sentAt;
		return Math.max(now + BLOCKED_RETRY_NANOS, oldest + this.ackTimeoutNanos);
	}

	/** Send again, oldest first, what was not acknowledged within the ack timeout. */
	private void redeliver(ZMQ.Socket owned, long now) {
		Iterator<Map.Entry<Long, InFlight>> entries = this.inFlight.entrySet().iterator();
		List<Map.Entry<Long, InFlight>> resent = new java.util.ArrayList<>();
		while (entries.hasNext() && resent.size() < 256) {
			Map.Entry<Long, InFlight> entry = entries.next();
			if (now - entry.getValue().sentAt < this.ackTimeoutNanos) {
				break;
			}
			if (!write(owned, entry.getKey(), entry.getValue().encoded)) {
				this.blocked = true;
				break;
			}
			entries.remove();
			entry.getValue().sentAt = now;
			resent.add(entry);
			this.metrics.outboxRedelivered(this.socketName);
		}
		// re-insert at the end: oldest first stays true
		for (Map.Entry<Long, InFlight> entry : resent) {
			this.inFlight.put(entry.getKey(), entry.getValue());
		}
	}

	/** Send committed messages for the first time, up to the in-flight limit. */
	private void sendNew(ZMQ.Socket owned, long now) {
		while (this.inFlight.size() < this.maxInFlight) {
			OutboxStore.Stored message = this.next;
			this.next = null;
			if (message == null) {
				message = this.store.poll();
			}
			if (message == null) {
				if (this.store.hasUnfed()) {
					this.store.refill().thenRun(this.wakeup);
				}
				return;
			}
			if (!write(owned, message.sequence(), message.encoded())) {
				this.next = message;
				this.blocked = true;
				return;
			}
			this.inFlight.put(message.sequence(), new InFlight(message.encoded(), now));
		}
	}

	private boolean write(ZMQ.Socket owned, long sequence, byte[] encoded) {
		byte[][] frames = OutboxStore.decode(encoded);
		if (!owned.send(ZmqOutboxFrames.delivery(this.sender, sequence), ZMQ.DONTWAIT | ZMQ.SNDMORE)) {
			return false;
		}
		for (int i = 0; i < frames.length - 1; i++) {
			owned.send(frames[i], ZMQ.DONTWAIT | ZMQ.SNDMORE);
		}
		owned.send(frames[frames.length - 1], ZMQ.DONTWAIT);
		return true;
	}

	/** Make every message in flight due for sending again. */
	private void dueNow() {
		this.inFlight.values().forEach((message) -> message.sentAt -= this.ackTimeoutNanos);
	}

	@Override
	public void socketLost(io.zmqspring.core.ZmqException reason) {
		this.socket = null;
	}

	/**
	 * Return how many messages are on the wire, not acknowledged; on the owner's thread.
	 * @return the count
	 */
	int inFlight() {
		return this.inFlight.size();
	}

	/** A message on the wire: its bytes as stored, and when it was last sent. */
	private static final class InFlight {

		final byte[] encoded;

		long sentAt;

		InFlight(byte[] encoded, long sentAt) {
			this.encoded = encoded;
			this.sentAt = sentAt;
		}

	}

	@Override
	public String toString() {
		return "the durable outbox of socket " + this.socketName;
	}

}

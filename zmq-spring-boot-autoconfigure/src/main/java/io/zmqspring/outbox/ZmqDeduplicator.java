package io.zmqspring.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;
import io.zmqspring.listener.ZmqDeliveryTracker;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * The receiving end of durable outboxes on one listener socket
 * ({@code zmq.sockets.<name>.outbox.dedup.enabled}). Before the handler gets a message, its start
 * is written to the socket's delivery log and committed as the sync policy says; when the handler
 * returns, that is written too and the ack goes back. A redelivered message whose handler
 * returned is acknowledged again and not handed over; one whose handler had it when the process
 * died is handed over again, flagged with {@link io.zmqspring.listener.ZmqHeaders#POSSIBLE_DUPLICATE}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqDeduplicator implements ZmqDeliveryTracker {

	private static final HexFormat hex = HexFormat.of();

	private final String socketName;

	private final ZmqMetrics metrics;

	private final DeliveryLog log;

	/**
	 * Open the delivery log of a socket.
	 * @param socketName the socket's name
	 * @param directory the directory of its file ({@code <socket>.dedup.mv.db})
	 * @param sync when the start of a handler counts as recorded
	 * @param retention how long entries that cannot be folded into a sender's watermark are kept
	 * @param metrics where discarded messages are counted
	 */
	public ZmqDeduplicator(String socketName, Path directory, ZmqOutboxSync sync, Duration retention,
			ZmqMetrics metrics) {
		this.socketName = socketName;
		this.metrics = metrics;
		this.log = DeliveryLog.open(directory, socketName, sync, retention);
	}

	@Override
	public @Nullable ZmqDelivery begin(byte[] frame) {
		if (!ZmqOutboxFrames.isDelivery(frame)) {
			return null;
		}
		byte[] sender = ZmqOutboxFrames.sender(frame);
		long sequence = ZmqOutboxFrames.sequence(frame);
		DeliveryLog.Key key = new DeliveryLog.Key(hex.formatHex(sender), sequence);
		Decision decision;
		try {
			decision = this.log.begin(key).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqException("Interrupted while recording the delivery of an outbox message", ex);
		}
		catch (ExecutionException ex) {
			throw new ZmqException("Could not record the delivery of an outbox message on socket '"
					+ this.socketName + "': " + ex.getCause().getMessage(), ex.getCause());
		}
		if (decision == Decision.ACKNOWLEDGE || decision == Decision.DISCARD) {
			this.metrics.dedupDiscarded(this.socketName);
		}
		else if (decision == Decision.HANDLE_POSSIBLE_DUPLICATE) {
			this.metrics.dedupPossibleDuplicate(this.socketName);
		}
		return new ZmqDelivery(key.sender() + ":" + sequence, decision, ZmqOutboxFrames.ack(sender, sequence), key);
	}

	@Override
	public void complete(ZmqDelivery delivery) {
		this.log.complete((DeliveryLog.Key) delivery.key());
	}

	@Override
	public void abandon(ZmqDelivery delivery) {
		this.log.abandon((DeliveryLog.Key) delivery.key());
	}

	/**
	 * Commit what is left and close the log.
	 * @param timeout the longest wait
	 */
	public void close(Duration timeout) {
		this.log.close(timeout);
	}

	DeliveryLog log() {
		return this.log;
	}

}

package io.zmqspring.transfer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * The sending side's receiver on a DEALER socket: hands the receiver's answers (credit,
 * confirmation, refusal) to the transfers they are about, on the socket's owner thread.
 *
 * @author zmq-spring-boot
 */
final class TransferSenderChannel implements ZmqSocketReceiver {

	private final String socket;

	private final ZmqMetrics metrics;

	private final Map<Long, OutboundTransfer> transfers = new ConcurrentHashMap<>();

	TransferSenderChannel(String socket, ZmqMetrics metrics) {
		this.socket = socket;
		this.metrics = metrics;
	}

	/** Add a transfer under a fresh id; {@code false} if the id is taken. */
	boolean add(OutboundTransfer transfer) {
		if (this.transfers.putIfAbsent(transfer.id(), transfer) != null) {
			return false;
		}
		transfer.future.whenComplete((result, ex) -> this.transfers.remove(transfer.id(), transfer));
		return true;
	}

	int size() {
		return this.transfers.size();
	}

	@Override
	public @Nullable List<byte[]> receive(List<byte[]> frames) {
		ZmqTransferFrame frame = (frames.size() <= 2) ? ZmqTransferFrame.decode(frames.get(0)) : null;
		if (frame == null) {
			this.metrics.invalidMessage(this.socket, "bad-transfer-frame");
			return null;
		}
		OutboundTransfer transfer = this.transfers.get(frame.transferId());
		if (transfer == null) {
			// An answer to a transfer that ended already (a late refusal, for example)
			this.metrics.replyDiscarded(this.socket);
			return null;
		}
		transfer.answer(frame, (frames.size() == 2) ? frames.get(1) : null);
		return null;
	}

	@Override
	public void socketLost(ZmqException reason) {
		this.transfers.values().forEach((transfer) -> transfer.lost(reason));
	}

	/** End every transfer in progress from this side, for example when the template stops. */
	void endAll(String reason) {
		this.transfers.values().forEach((transfer) -> transfer.end(reason));
	}

}

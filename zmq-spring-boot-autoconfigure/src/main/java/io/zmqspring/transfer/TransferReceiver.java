package io.zmqspring.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqHeaderFrame;
import io.zmqspring.core.ZmqHeaderFrameException;
import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.event.ZmqEventPublisher;
import io.zmqspring.event.ZmqTransferAbortedEvent;
import io.zmqspring.listener.ZmqListenerContext;
import io.zmqspring.transfer.ZmqTransferMetrics.Direction;

/**
 * The receiving side of transfers on a ROUTER socket, for one run of a transfer listener. On the
 * socket's owner thread it opens transfers, writes their chunks to spool files as they arrive,
 * grants credit as chunks are written (every quarter of the credit), confirms a complete payload
 * whose checksum matches, and aborts transfers that go silent for the idle timeout or break the
 * protocol. Complete payloads
 * go to the handler on the listener's executor, at most {@code concurrency} at a time.
 *
 * @author zmq-spring-boot
 */
final class TransferReceiver implements ZmqSocketReceiver {

	private static final Log logger = LogFactory.getLog(TransferReceiver.class);

	/** Aborts come from the network: a flood of them must not flood the log. */
	private static final ZmqRateLimitedLog aborts = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	private final ZmqListenerContext context;

	private final ZmqTransferSettings settings;

	private final ZmqTransferHandler handler;

	private final ZmqTransferMetrics metrics;

	private final ZmqEventPublisher events;

	private final String socketName;

	/** Transfers from their opening until their handler returned; shared with the handler threads. */
	private final AtomicInteger active;

	private final LinkedBlockingQueue<ZmqTransfer> complete = new LinkedBlockingQueue<>();

	private final CountDownLatch handlersDone;

	private volatile boolean finishing;

	// Owned by the socket's thread

	private final Map<Key, InboundTransfer> receiving = new HashMap<>();

	private ZMQ.@Nullable Socket socket;

	private long nextExpiry = Long.MAX_VALUE;

	private long finishDeadline;

	TransferReceiver(ZmqListenerContext context, ZmqTransferSettings settings, ZmqTransferHandler handler,
			ZmqTransferMetrics metrics, ZmqEventPublisher events, AtomicInteger active) {
		this.context = context;
		this.settings = settings;
		this.handler = handler;
		this.metrics = metrics;
		this.events = events;
		this.active = active;
		this.socketName = context.getOwner().getName();
		this.handlersDone = new CountDownLatch(context.getConcurrency());
		for (int i = 0; i < context.getConcurrency(); i++) {
			context.getTaskExecutor().execute(this::handleLoop);
		}
	}

	@Override
	public void opened(ZMQ.Socket opened) {
		this.socket = opened;
	}

	@Override
	public @Nullable List<byte[]> receive(List<byte[]> frames) {
		ZmqTransferFrame frame = (frames.size() == 2 || frames.size() == 3) ? ZmqTransferFrame.decode(frames.get(1))
				: null;
		if (frame == null) {
			invalid("bad-transfer-frame", frames.size());
			return null;
		}
		byte[] routingId = frames.get(0);
		byte[] body = (frames.size() == 3) ? frames.get(2) : ZmqFrames.EMPTY;
		Key key = new Key(routingId, frame.transferId());
		return switch (frame.kind()) {
			case OPEN -> open(key, routingId, frame, body);
			case CHUNK -> chunk(key, frame, body);
			case ABORT -> {
				InboundTransfer transfer = this.receiving.get(key);
				if (transfer != null) {
					abort(transfer, "sender-aborted", false);
				}
				yield null;
			}
			default -> {
				invalid("unexpected-transfer-frame", frames.size());
				yield null;
			}
		};
	}

	private @Nullable List<byte[]> open(Key key, byte[] routingId, ZmqTransferFrame frame, byte[] body) {
		long id = frame.transferId();
		if (this.receiving.containsKey(key)) {
			abort(this.receiving.get(key), "protocol", false);
			return error(routingId, id, "protocol");
		}
		ZmqTransferMetadata metadata;
		try {
			metadata = (body.length > 0) ? ZmqTransferMetadata.fromMap(ZmqHeaderFrame.decode(body))
					: ZmqTransferMetadata.NONE;
		}
		catch (ZmqHeaderFrameException | IllegalArgumentException ex) {
			return refuse(routingId, id, "protocol");
		}
		if (this.finishing) {
			return refuse(routingId, id, "shutdown");
		}
		if (frame.value() > this.settings.maxSize()) {
			return refuse(routingId, id, "too-large");
		}
		if (this.active.get() >= this.settings.maxConcurrent()) {
			return refuse(routingId, id, "busy");
		}
		InboundTransfer transfer;
		try {
			transfer = InboundTransfer.open(routingId, id, metadata, frame.value(), this.settings.spoolDirectory(),
					System.nanoTime());
		}
		catch (IOException | RuntimeException ex) {
			aborts.warn(this.socketName + ":spool", "Transfer listener '" + this.context.getListenerId()
					+ "' on socket " + this.socketName + " cannot create a spool file in "
					+ this.settings.spoolDirectory() + ": " + ex, null);
			return refuse(routingId, id, "spool-failed");
		}
		this.receiving.put(key, transfer);
		this.active.incrementAndGet();
		scheduleExpiry(transfer);
		return grant(transfer, ZmqTransferFrame.Kind.GRANT, 0, transfer.window(this.settings.credit()),
				this.settings.chunkSize(), 0);
	}

	private @Nullable List<byte[]> chunk(Key key, ZmqTransferFrame frame, byte[] data) {
		InboundTransfer transfer = this.receiving.get(key);
		if (transfer == null) {
			// Late chunks of a transfer aborted already, or a sender that never opened it
			invalid("unknown-transfer", 3);
			return error(key.routingId(), frame.transferId(), "unknown-transfer");
		}
		String wrong = transfer.check(frame, data, this.settings.chunkSize(), this.settings.maxSize());
		if (wrong != null) {
			abort(transfer, wrong, false);
			return error(transfer.routingId, transfer.id, wrong);
		}
		try {
			transfer.write(data, System.nanoTime());
		}
		catch (IOException | RuntimeException ex) {
			aborts.warn(this.socketName + ":spool", "Transfer listener '" + this.context.getListenerId()
					+ "' on socket " + this.socketName + " cannot write to " + transfer.spool + ": " + ex, null);
			abort(transfer, "spool-failed", false);
			return error(transfer.routingId, transfer.id, "spool-failed");
		}
		this.metrics.chunk(this.socketName, Direction.RECEIVED, data.length);
		if (!frame.has(ZmqTransferFrame.LAST)) {
			return transfer.grantDue(this.settings.credit()) ? grant(transfer, ZmqTransferFrame.Kind.GRANT, 0,
					transfer.window(this.settings.credit()), this.settings.chunkSize(), 0) : null;
		}
		if (frame.has(ZmqTransferFrame.CHECKSUM) && frame.checksum() != transfer.checksum()) {
			abort(transfer, "checksum", false);
			return error(transfer.routingId, transfer.id, "checksum");
		}
		return complete(key, transfer);
	}

	private @Nullable List<byte[]> complete(Key key, InboundTransfer transfer) {
		try {
			transfer.close();
		}
		catch (IOException ex) {
			abort(transfer, "spool-failed", false);
			return error(transfer.routingId, transfer.id, "spool-failed");
		}
		this.receiving.remove(key);
		this.metrics.completed(this.socketName, Direction.RECEIVED);
		this.complete.add(new ZmqTransfer(transfer.hexId(), this.socketName, this.context.getListenerId(),
				transfer.routingId, transfer.metadata, transfer.received(), transfer.checksum(), transfer.spool));
		return grant(transfer, ZmqTransferFrame.Kind.DONE, ZmqTransferFrame.CHECKSUM, transfer.chunks(),
				transfer.received(), transfer.checksum());
	}

	@Override
	public long work(long now) {
		if (now - this.nextExpiry < 0) {
			return this.nextExpiry;
		}
		long idleNanos = this.settings.idleTimeout().toNanos();
		this.nextExpiry = Long.MAX_VALUE;
		for (InboundTransfer transfer : new ArrayList<>(this.receiving.values())) {
			if (now - transfer.lastActivity >= idleNanos) {
				abort(transfer, "idle-timeout", true);
			}
			else {
				scheduleExpiry(transfer);
			}
		}
		return this.nextExpiry;
	}

	private void scheduleExpiry(InboundTransfer transfer) {
		long expiry = transfer.lastActivity + this.settings.idleTimeout().toNanos();
		if (this.nextExpiry == Long.MAX_VALUE || expiry - this.nextExpiry < 0) {
			this.nextExpiry = expiry;
		}
	}

	/**
	 * End a transfer before its payload is complete: delete the spool file, count, log and
	 * publish it, and tell a sender that may still be there.
	 */
	private void abort(InboundTransfer transfer, String reason, boolean tellSender) {
		this.receiving.remove(new Key(transfer.routingId, transfer.id));
		transfer.discard();
		this.active.decrementAndGet();
		aborted(transfer.hexId(), reason, transfer.received());
		if (tellSender) {
			ZMQ.Socket open = this.socket;
			if (open != null) {
				// A courtesy to a sender that may be gone: never wait for it
				ZmqFrames.send(open, error(transfer.routingId, transfer.id, reason));
			}
		}
	}

	/** Refuse a transfer at its opening. */
	private List<byte[]> refuse(byte[] routingId, long id, String reason) {
		aborted(Long.toHexString(id), reason, 0);
		return error(routingId, id, reason);
	}

	private void aborted(String id, String reason, long received) {
		this.metrics.aborted(this.socketName, Direction.RECEIVED, reason);
		aborts.warn(this.socketName + ":" + reason, "Transfer listener '" + this.context.getListenerId()
				+ "' on socket " + this.socketName + " aborted transfer " + id + " (" + reason + ") after " + received
				+ " bytes", null);
		this.events.publish(new ZmqTransferAbortedEvent(this.context.getOwner(), this.context.getListenerId(),
				this.socketName, this.context.getOwner().getDefinition().type(), id, reason, received));
	}

	private void invalid(String reason, int frames) {
		this.context.getMetrics().invalidMessage(this.socketName, reason);
		aborts.warn(this.socketName + ":" + reason, "Transfer listener '" + this.context.getListenerId()
				+ "' on socket " + this.socketName + " rejected a message of " + frames + " frame(s): " + reason, null);
	}

	private static List<byte[]> grant(InboundTransfer transfer, ZmqTransferFrame.Kind kind, int flags, long sequence,
			long value, int checksum) {
		return List.of(transfer.routingId,
				new ZmqTransferFrame(kind, flags, transfer.id, sequence, value, checksum).encode());
	}

	private static List<byte[]> error(byte[] routingId, long id, String reason) {
		return List.of(routingId, new ZmqTransferFrame(ZmqTransferFrame.Kind.ERROR, 0, id, 0, 0, 0).encode(),
				reason.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean finish() {
		if (!this.finishing) {
			this.finishing = true;
			this.finishDeadline = System.nanoTime() + this.context.getStopTimeout().toNanos();
			for (InboundTransfer transfer : new ArrayList<>(this.receiving.values())) {
				abort(transfer, "shutdown", true);
			}
		}
		if (this.handlersDone.getCount() == 0) {
			return true;
		}
		if (System.nanoTime() - this.finishDeadline >= 0) {
			logger.warn("Transfer listener '" + this.context.getListenerId() + "': " + this.complete.size()
					+ " payload(s) waiting and handlers still busy at the stop timeout; stopping without them");
			return true;
		}
		return false;
	}

	@Override
	public void socketLost(ZmqException reason) {
		this.socket = null;
		for (InboundTransfer transfer : new ArrayList<>(this.receiving.values())) {
			abort(transfer, "socket-failed", false);
		}
	}

	private void handleLoop() {
		try {
			while (true) {
				ZmqTransfer transfer;
				try {
					transfer = this.complete.poll(50, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					// An interrupt never stops a handler thread: only the listener's stop does
					continue;
				}
				if (transfer == null) {
					if (this.finishing) {
						return;
					}
					continue;
				}
				deliver(transfer);
			}
		}
		finally {
			this.handlersDone.countDown();
			this.context.getOwner().wakeup();
		}
	}

	private void deliver(ZmqTransfer transfer) {
		try {
			this.handler.handle(transfer);
		}
		catch (Throwable ex) {
			byte[] described = transfer.toString().getBytes(StandardCharsets.UTF_8);
			this.context.handleError(List.of(transfer.getRoutingId(), described), transfer.getRoutingId(), ex);
		}
		finally {
			Thread.interrupted();
			try {
				transfer.release();
			}
			catch (IOException ex) {
				logger.warn("Transfer listener '" + this.context.getListenerId() + "' could not delete "
						+ transfer.getPath() + ": " + ex);
			}
			this.active.decrementAndGet();
		}
	}

	/** A transfer is known by its sender's routing id and its id. */
	private record Key(byte[] routingId, long id) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.id == this.id && Arrays.equals(key.routingId, this.routingId);
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.id) * 31 + Arrays.hashCode(this.routingId);
		}

	}

}

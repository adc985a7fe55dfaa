package io.zmqspring.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqHeaderFrame;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.transfer.ZmqTransferFrame.Kind;
import io.zmqspring.transfer.ZmqTransferMetrics.Direction;

/**
 * One transfer a sender sends: runs on a sending thread of its own, which reads the payload one
 * chunk at a time and hands each chunk to the socket's owner only while the receiver's credit
 * allows it, so that at most {@code credit} chunks are ever read and unconfirmed. The socket's
 * owner thread reports the receiver's answers ({@link #answer}).
 *
 * @author zmq-spring-boot
 */
final class OutboundTransfer {

	private final long id;

	private final String socket;

	private final TransferSource source;

	private final ZmqTransferMetadata metadata;

	private final int chunkSize;

	private final Duration idleTimeout;

	private final ZmqTransferMetrics metrics;

	private final long started = System.nanoTime();

	final CompletableFuture<ZmqTransferResult> future = new CompletableFuture<>();

	// Guarded by this: what the receiver said

	private long window;

	private long grantedChunkSize;

	private @Nullable ZmqTransferFrame done;

	private @Nullable String refused;

	private @Nullable ZmqException lost;

	private @Nullable String ended;

	OutboundTransfer(long id, String socket, TransferSource source, ZmqTransferMetadata metadata,
			ZmqTransferSettings settings, ZmqTransferMetrics metrics) {
		this.id = id;
		this.socket = socket;
		this.source = source;
		this.metadata = metadata;
		this.chunkSize = settings.chunkSize();
		this.idleTimeout = settings.idleTimeout();
		this.metrics = metrics;
		this.future.whenComplete((result, ex) -> wake());
	}

	long id() {
		return this.id;
	}

	/** Take an answer of the receiver; on the socket's owner thread. */
	synchronized void answer(ZmqTransferFrame frame, byte @Nullable [] body) {
		switch (frame.kind()) {
			case GRANT -> {
				if (this.grantedChunkSize == 0) {
					this.grantedChunkSize = frame.value();
				}
				this.window = Math.max(this.window, frame.sequence());
			}
			case DONE -> this.done = frame;
			case ERROR -> {
				// The first error says why; chunks already in flight only earn "unknown-transfer" after it
				if (this.refused == null) {
					this.refused = ZmqTransferFrame.reason(body);
				}
			}
			default -> {
				return;
			}
		}
		notifyAll();
	}

	/** The socket failed or closed: no answer will come. */
	synchronized void lost(ZmqException reason) {
		this.lost = reason;
		notifyAll();
	}

	/** End the transfer from this side, for example when the template stops. */
	synchronized void end(String reason) {
		this.ended = reason;
		notifyAll();
	}

	private synchronized void wake() {
		notifyAll();
	}

	/** Send the whole payload, then wait for the receiver's confirmation; on the sending thread. */
	void run(ZmqSocketOwner owner) {
		boolean opened = false;
		try (TransferSource payload = this.source) {
			byte[] open = ZmqHeaderFrame.encode(this.metadata.toMap());
			opened = true;
			send(owner, new ZmqTransferFrame(Kind.OPEN, 0, this.id, 0, payload.size(), 0), open);
			long granted = awaitCredit(0);
			if (granted <= 0) {
				throw failure("protocol", "the receiver granted chunks of " + granted + " bytes", null);
			}
			int size = (int) Math.min(this.chunkSize, granted);
			CRC32C crc = new CRC32C();
			long sequence = 0;
			long offset = 0;
			boolean last = false;
			while (!last) {
				byte[] chunk = new byte[size];
				int count = payload.read(chunk);
				last = count < size || (payload.size() >= 0 && offset + count == payload.size());
				if (count < size) {
					chunk = Arrays.copyOf(chunk, count);
				}
				crc.update(chunk, 0, count);
				awaitCredit(sequence);
				int flags = last ? ZmqTransferFrame.LAST | ZmqTransferFrame.CHECKSUM : 0;
				send(owner, new ZmqTransferFrame(Kind.CHUNK, flags, this.id, sequence, offset,
						last ? (int) crc.getValue() : 0), chunk);
				this.metrics.chunk(this.socket, Direction.SENT, count);
				sequence++;
				offset += count;
			}
			confirm(awaitDone(), sequence, offset, (int) crc.getValue());
			this.metrics.completed(this.socket, Direction.SENT);
		}
		catch (ZmqTransferException ex) {
			failed(owner, opened, ex);
		}
		catch (IOException ex) {
			failed(owner, opened, failure("source-failed", "the payload could not be read: " + ex, ex));
		}
		catch (RuntimeException ex) {
			failed(owner, opened, failure("failed", ex.toString(), ex));
		}
	}

	private void confirm(ZmqTransferFrame answer, long chunks, long bytes, int checksum) {
		if (answer.sequence() != chunks || answer.value() != bytes || answer.checksum() != checksum) {
			throw failure("protocol", "the receiver confirmed " + answer.value() + " bytes in " + answer.sequence()
					+ " chunks with checksum " + Integer.toHexString(answer.checksum()) + ", not " + bytes + " in "
					+ chunks + " with " + Integer.toHexString(checksum), null);
		}
		this.future.complete(new ZmqTransferResult(hexId(), this.socket, bytes, chunks, checksum,
				Duration.ofNanos(System.nanoTime() - this.started)));
	}

	private void send(ZmqSocketOwner owner, ZmqTransferFrame frame, byte[] body) {
		try {
			owner.send(new byte[][] { frame.encode(), body });
		}
		catch (ZmqException ex) {
			throw failure("send-failed", ex.getMessage(), ex);
		}
	}

	/** Wait until the chunk numbered {@code sequence} may be sent; returns the granted chunk size. */
	private synchronized long awaitCredit(long sequence) {
		long deadline = System.nanoTime() + this.idleTimeout.toNanos();
		while (this.window <= sequence) {
			awaitAnswer(deadline, (sequence == 0) ? "the receiver did not accept the transfer"
					: "no credit from the receiver for chunk " + sequence);
		}
		return this.grantedChunkSize;
	}

	private synchronized ZmqTransferFrame awaitDone() {
		long deadline = System.nanoTime() + this.idleTimeout.toNanos();
		while (this.done == null) {
			awaitAnswer(deadline, "the receiver did not confirm the payload");
		}
		return this.done;
	}

	/** Wait once for an answer, failing on a refusal, a lost socket, a cancel or the deadline. */
	private void awaitAnswer(long deadline, String silence) {
		if (this.refused != null) {
			throw failure(this.refused, "the receiver ended the transfer (" + this.refused + ")", null);
		}
		if (this.lost != null) {
			throw failure("socket-failed", this.lost.getMessage(), this.lost);
		}
		if (this.ended != null) {
			throw failure(this.ended, "the transfer was ended by the sender (" + this.ended + ")", null);
		}
		if (this.future.isDone()) {
			throw failure("cancelled", "the transfer was cancelled", null);
		}
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw failure("idle-timeout", silence + " within " + this.idleTimeout.toMillis() + " ms", null);
		}
		try {
			wait(Math.max(1, left / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("interrupted", "interrupted while waiting for the receiver", ex);
		}
	}

	private void failed(ZmqSocketOwner owner, boolean opened, ZmqTransferException failure) {
		boolean byReceiver;
		synchronized (this) {
			byReceiver = this.refused != null || this.lost != null;
		}
		if (opened && !byReceiver) {
			try {
				owner.send(new byte[][] { new ZmqTransferFrame(Kind.ABORT, 0, this.id, 0, 0, 0).encode(),
						failure.getReason().getBytes(StandardCharsets.UTF_8) });
			}
			catch (ZmqException ex) {
				// the receiver aborts it after its idle timeout
			}
		}
		this.metrics.aborted(this.socket, Direction.SENT, failure.getReason());
		this.future.completeExceptionally(failure);
	}

	private ZmqTransferException failure(String reason, @Nullable String message, @Nullable Throwable cause) {
		return new ZmqTransferException(this.socket, hexId(), reason, (message != null) ? message : reason, cause);
	}

	String hexId() {
		return Long.toHexString(this.id);
	}

}

package io.zmqspring.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The messages of one socket's outbox in an H2 {@link MVStore} file, until the receiver
 * acknowledges them. Map {@code messages}: the sequence (a {@code long}) to the message's frames
 * (a 4-byte count, then each frame as a 4-byte length and its bytes); map {@code meta}: the
 * outbox's random sender id ({@code sender}, 16 bytes) and the next sequence ({@code next}, 8
 * bytes), so sequences go on across restarts even when every message was acknowledged.
 * <p>
 * Only the store's {@link StoreWriter} thread touches the file, reads included (MVStore reuses
 * the space of old chunks at once, which a reader on another thread might still be reading).
 * Committed messages reach the socket's owner through a bounded feed instead: the writer adds
 * them as they are committed while the feed has room, and {@link #refill()} loads the next
 * ones from the file when it has run dry.
 *
 * @author zmq-spring-boot
 */
final class OutboxStore {

	/** The name of the store's file: the socket's name and this suffix. */
	static final String FILE_SUFFIX = ".outbox.mv.db";

	private static final SecureRandom random = new SecureRandom();

	private final MVStore store;

	private final MVMap<Long, byte[]> messages;

	private final MVMap<String, byte[]> meta;

	private final byte[] sender;

	private final StoreWriter writer;

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong depth = new AtomicLong();

	/** Committed messages for the owner to send, in sequence order. */
	private final ConcurrentLinkedQueue<Stored> feed = new ConcurrentLinkedQueue<>();

	private final AtomicInteger fed = new AtomicInteger();

	private final int feedLimit;

	private final AtomicBoolean refilling = new AtomicBoolean();

	/** The highest sequence added to the feed; written by the writer's thread. */
	private volatile long fedUpTo = -1;

	/** The highest sequence whose message is committed as the sync policy says. */
	private final AtomicLong durable = new AtomicLong(-1);

	/** Owned by the writer's thread. */
	private long next;

	private OutboxStore(MVStore store, String name, ZmqOutboxSync sync, int feedLimit) {
		this.store = store;
		this.feedLimit = feedLimit;
		this.messages = store.openMap("messages");
		this.meta = store.openMap("meta");
		byte[] id = this.meta.get("sender");
		if (id == null) {
			id = new byte[ZmqOutboxFrames.SENDER_BYTES];
			random.nextBytes(id);
			this.meta.put("sender", id);
			store.commit();
			store.sync();
		}
		this.sender = id;
		byte[] stored = this.meta.get("next");
		Long last = this.messages.lastKey();
		this.next = Math.max((stored != null) ? ByteBuffer.wrap(stored).getLong() : 0, (last != null) ? last + 1 : 0);
		this.durable.set(this.next - 1);
		long total = 0;
		for (Iterator<byte[]> values = this.messages.values().iterator(); values.hasNext();) {
			total += values.next().length;
		}
		this.bytes.set(total);
		this.depth.set(this.messages.sizeAsLong());
		this.writer = new StoreWriter("zmq-outbox-" + name, store, sync, () -> {
		});
	}

	/**
	 * Open (or create) the store of a socket's outbox.
	 * @param directory the directory, created if missing
	 * @param socket the socket's name
	 * @param sync when a write counts as done
	 * @param feedLimit how many committed messages may wait in memory for the socket's owner
	 * @return the store
	 * @throws UncheckedIOException if the directory cannot be created
	 * @throws org.h2.mvstore.MVStoreException if the file cannot be opened, for example because
	 * another process has it open
	 */
	static OutboxStore open(Path directory, String socket, ZmqOutboxSync sync, int feedLimit) {
		return new OutboxStore(openStore(directory.resolve(socket + FILE_SUFFIX)), socket, sync, feedLimit);
	}

	static MVStore openStore(Path file) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the directory of " + file, ex);
		}
		MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
		// Reuse the space of chunks no longer needed at once, so the file stays as small as what
		// it holds. Safe after an fsync (always, batch); with os, see ZmqOutboxSync.OS.
		store.setRetentionTime(0);
		return store;
	}

	/**
	 * Return the outbox's sender id.
	 * @return the id, {@value ZmqOutboxFrames#SENDER_BYTES} bytes
	 */
	byte[] sender() {
		return this.sender.clone();
	}

	/**
	 * Append messages, in order, in one commit.
	 * @param encoded the messages, each {@link #encode encoded}
	 * @return the sequence of the first, once all are committed as the sync policy says and
	 * may be sent
	 */
	CompletableFuture<Long> append(List<byte[]> encoded) {
		long size = 0;
		for (byte[] message : encoded) {
			size += message.length;
		}
		long added = size;
		return this.writer.submit(() -> {
			long first = this.next;
			for (byte[] message : encoded) {
				this.messages.put(this.next++, message);
			}
			this.meta.put("next", ByteBuffer.allocate(8).putLong(this.next).array());
			this.bytes.addAndGet(added);
			this.depth.addAndGet(encoded.size());
			return first;
		}, true, (first) -> fed(first, encoded));
	}

	/**
	 * Committed, on the writer's thread (so a caller that stops waiting never holds a message
	 * back): the messages may be sent, and the feed takes them if nothing older waits in the file
	 * and it has room.
	 */
	private void fed(long first, List<byte[]> encoded) {
		long last = first + encoded.size() - 1;
		this.durable.accumulateAndGet(last, Math::max);
		if (this.fedUpTo == first - 1 && this.fed.get() + encoded.size() <= this.feedLimit) {
			for (int i = 0; i < encoded.size(); i++) {
				this.feed.add(new Stored(first + i, encoded.get(i)));
			}
			this.fed.addAndGet(encoded.size());
			this.fedUpTo = last;
		}
	}

	/**
	 * Delete acknowledged messages; committed soon, not waited for (one that comes back after a
	 * crash is sent again, and the receiver discards it).
	 * @param sequences the sequences
	 */
	void acknowledge(long[] sequences) {
		this.writer.submit(() -> {
			for (long sequence : sequences) {
				byte[] removed = this.messages.remove(sequence);
				if (removed != null) {
					this.bytes.addAndGet(-removed.length);
					this.depth.decrementAndGet();
				}
			}
			return null;
		}, false);
	}

	/**
	 * Take the next committed message to send; any one thread (the socket's owner).
	 * @return the message, or {@code null} when the feed is empty (see {@link #refill()})
	 */
	@Nullable Stored poll() {
		Stored next = this.feed.poll();
		if (next != null) {
			this.fed.decrementAndGet();
		}
		return next;
	}

	/**
	 * Whether committed messages wait in the file that the feed does not hold yet.
	 * @return whether a {@link #refill()} would find some
	 */
	boolean hasUnfed() {
		return this.fedUpTo < this.durable.get();
	}

	/**
	 * Load into the feed, on the writer's thread, the committed messages after the last one fed,
	 * as many as it has room for; one refill at a time.
	 * @return completes once loaded (at once if a refill is running)
	 */
	CompletableFuture<?> refill() {
		if (!this.refilling.compareAndSet(false, true)) {
			return CompletableFuture.completedFuture(null);
		}
		return this.writer.submit(() -> {
			try {
				long last = this.fedUpTo;
				Long next = this.messages.higherKey(last);
				while (next != null && next <= this.durable.get() && this.fed.get() < this.feedLimit) {
					this.feed.add(new Stored(next, this.messages.get(next)));
					this.fed.incrementAndGet();
					last = next;
					next = this.messages.higherKey(next);
				}
				// stopped for room: go on after the last one fed; else every committed one is fed (or
				// was acknowledged and deleted), and the feed goes on after the last committed
				this.fedUpTo = (next != null && next <= this.durable.get()) ? last : Math.max(last, this.durable.get());
				return null;
			}
			finally {
				this.refilling.set(false);
			}
		}, false);
	}

	/**
	 * Return how many messages the store holds.
	 * @return the count
	 */
	long depth() {
		return this.depth.get();
	}

	/**
	 * Return the bytes of the messages the store holds.
	 * @return the bytes of their encoded frames
	 */
	long bytes() {
		return this.bytes.get();
	}

	/**
	 * Return the sequence of the last message committed.
	 * @return the sequence, -1 before the first
	 */
	long lastSequence() {
		return this.durable.get();
	}

	/**
	 * Return why the store failed, if it did.
	 * @return the failure, or {@code null}
	 */
	@Nullable RuntimeException failure() {
		return this.writer.getFailure();
	}

	/**
	 * Commit what is left and close the file.
	 * @param timeout the longest wait
	 */
	void close(Duration timeout) {
		this.writer.close(timeout);
	}

	/**
	 * Return a copy of the stored messages, read on the writer's thread; for tests and tools.
	 * @return the encoded messages by sequence
	 */
	CompletableFuture<Map<Long, byte[]>> messages() {
		return this.writer.submit(() -> new java.util.TreeMap<>(this.messages), false);
	}

	/**
	 * Encode a message as stored.
	 * @param message a {@code byte[]} frame or {@code byte[][]} frames
	 * @return the encoded message
	 */
	static byte[] encode(Object message) {
		byte[][] frames = (message instanceof byte[] frame) ? new byte[][] { frame } : (byte[][]) message;
		int size = 4;
		for (byte[] frame : frames) {
			size += 4 + frame.length;
		}
		ByteBuffer buffer = ByteBuffer.allocate(size).putInt(frames.length);
		for (byte[] frame : frames) {
			buffer.putInt(frame.length).put(frame);
		}
		return buffer.array();
	}

	/**
	 * Decode a stored message.
	 * @param encoded the message as stored
	 * @return its frames
	 */
	/**
	 * A committed message.
	 *
	 * @param sequence its sequence
	 * @param encoded the message as stored
	 */
	record Stored(long sequence, byte[] encoded) {
	}

	static byte[][] decode(byte[] encoded) {
		ByteBuffer buffer = ByteBuffer.wrap(encoded);
		int count = buffer.getInt();
		Assert.state(count > 0 && count <= encoded.length / 4, "Corrupt outbox message");
		byte[][] frames = new byte[count][];
		for (int i = 0; i < count; i++) {
			frames[i] = new byte[buffer.getInt()];
			buffer.get(frames[i]);
		}
		return frames;
	}

}

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
 * bytes), so sequences go on across restarts even when every message was acknowledged. All
 * writes run on the store's {@link StoreWriter}; reads are safe from any thread.
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

	/** The highest sequence whose message is committed as the sync policy says. */
	private final AtomicLong durable = new AtomicLong(-1);

	/** Owned by the writer's thread. */
	private long next;

	private OutboxStore(MVStore store, String name, ZmqOutboxSync sync) {
		this.store = store;
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
		this.writer = new StoreWriter("zmq-outbox-" + name, store, sync, () -> {
		});
	}

	/**
	 * Open (or create) the store of a socket's outbox.
	 * @param directory the directory, created if missing
	 * @param socket the socket's name
	 * @param sync when a write counts as done
	 * @return the store
	 * @throws UncheckedIOException if the directory cannot be created
	 * @throws org.h2.mvstore.MVStoreException if the file cannot be opened, for example because
	 * another process has it open
	 */
	static OutboxStore open(Path directory, String socket, ZmqOutboxSync sync) {
		return new OutboxStore(openStore(directory.resolve(socket + FILE_SUFFIX)), socket, sync);
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
		return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
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
		CompletableFuture<Long> appended = this.writer.submit(() -> {
			long first = this.next;
			for (byte[] message : encoded) {
				this.messages.put(this.next++, message);
			}
			this.meta.put("next", ByteBuffer.allocate(8).putLong(this.next).array());
			this.bytes.addAndGet(added);
			return first;
		}, true);
		// on the writer's thread, so a caller that stops waiting never holds a message back
		return appended.thenApply((first) -> {
			this.durable.accumulateAndGet(first + encoded.size() - 1, Math::max);
			return first;
		});
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
				}
			}
			return null;
		}, false);
	}

	/**
	 * Return a stored message.
	 * @param sequence its sequence
	 * @return the encoded message, or {@code null} once it was acknowledged
	 */
	byte @Nullable [] get(long sequence) {
		return this.messages.get(sequence);
	}

	/**
	 * Return the first message after a sequence that may be sent: committed as the sync policy
	 * says.
	 * @param sequence the sequence, -1 for the first
	 * @return the next sequence, or {@code null} for none
	 */
	@Nullable Long nextDurable(long sequence) {
		Long next = this.messages.higherKey(sequence);
		return (next != null && next <= this.durable.get()) ? next : null;
	}

	/**
	 * Return how many messages the store holds.
	 * @return the count
	 */
	long depth() {
		return this.messages.sizeAsLong();
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
	 * Return the stored messages, for tests and tools.
	 * @return a read-only view, by sequence
	 */
	Map<Long, byte[]> messages() {
		return java.util.Collections.unmodifiableMap(this.messages);
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

package io.zmqspring.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import io.zmqspring.listener.ZmqDeliveryTracker.Decision;

/**
 * What a listener's handler did with the messages of durable outboxes, in an H2 {@link MVStore}
 * file of the receiving socket: per sender, map {@code d.<sender id in hex>} from sequence to a
 * {@code long} (the time in milliseconds shifted left by two, and in the lowest two bits 0 once
 * the handler started, 1 once it returned, 2 once it failed), and map {@code watermarks} from sender to the highest sequence up to which
 * every message is known. Entries of messages done at or below the watermark are deleted, so
 * a sender that sends to one receiver leaves only a handful of entries; others are deleted
 * after the retention. All of it runs on the store's {@link StoreWriter}, one change at a time.
 *
 * @author zmq-spring-boot
 */
final class DeliveryLog {

	/** The name of the store's file: the socket's name and this suffix. */
	static final String FILE_SUFFIX = ".dedup.mv.db";

	/** Most senders one log keeps apart; more are refused (their messages are not handled). */
	static final int MAX_SENDERS = 65_536;

	private static final long STARTED = 0;

	private static final long DONE = 1;

	private static final long FAILED = 2;

	private final MVStore store;

	private final StoreWriter writer;

	private final MVMap<String, Long> watermarks;

	private final long retentionMillis;

	// Owned by the writer's thread

	private final Map<String, MVMap<Long, Long>> senders = new HashMap<>();

	private final Set<Key> inProgress = new HashSet<>();

	private DeliveryLog(MVStore store, String socket, ZmqOutboxSync sync, Duration retention) {
		this.store = store;
		this.watermarks = store.openMap("watermarks");
		this.retentionMillis = retention.toMillis();
		this.writer = new StoreWriter("zmq-dedup-" + socket, store, sync, this::prune);
	}

	/**
	 * Open (or create) the log of a listener's socket.
	 * @param directory the directory, created if missing
	 * @param socket the socket's name
	 * @param sync when the start of a handler counts as recorded
	 * @param retention how long entries that cannot be folded into a watermark are kept
	 * @return the log
	 */
	static DeliveryLog open(Path directory, String socket, ZmqOutboxSync sync, Duration retention) {
		return new DeliveryLog(OutboxStore.openStore(directory.resolve(socket + FILE_SUFFIX)), socket, sync,
				retention);
	}

	/**
	 * Decide what to do with a message and, when the handler is to get it, record that it
	 * starts; the future completes once that is committed as the sync policy says.
	 * @param key the message
	 * @return the decision
	 */
	CompletableFuture<Decision> begin(Key key) {
		return this.writer.submit(() -> {
			if (this.inProgress.contains(key)) {
				return Decision.DISCARD;
			}
			MVMap<Long, Long> log = log(key.sender());
			Long entry = log.get(key.sequence());
			if (entry == null && key.sequence() <= watermark(key.sender())) {
				return Decision.ACKNOWLEDGE;
			}
			if (entry != null && (entry & 3) == DONE) {
				return Decision.ACKNOWLEDGE;
			}
			log.put(key.sequence(), stamp(STARTED));
			this.inProgress.add(key);
			if (entry != null && (entry & 3) == STARTED) {
				// started in an earlier run that died before the handler returned
				return Decision.HANDLE_POSSIBLE_DUPLICATE;
			}
			advance(key.sender(), log);
			return Decision.HANDLE;
		}, true);
	}

	/**
	 * Record that the handler returned. Not waited for: the ack may go out first, since a
	 * message acknowledged is not sent again, and one whose ack is lost too comes back as a
	 * possible duplicate.
	 * @param key the message
	 */
	void complete(Key key) {
		this.writer.submit(() -> {
			this.inProgress.remove(key);
			MVMap<Long, Long> log = log(key.sender());
			if (key.sequence() <= watermark(key.sender())) {
				log.remove(key.sequence());
			}
			else {
				log.put(key.sequence(), stamp(DONE));
			}
			return null;
		}, false);
	}

	/**
	 * Forget that the handler started: it failed, and the message is to be handled as new when
	 * it comes again.
	 * @param key the message
	 */
	void abandon(Key key) {
		this.writer.submit(() -> {
			this.inProgress.remove(key);
			MVMap<Long, Long> log = log(key.sender());
			if (key.sequence() <= watermark(key.sender())) {
				log.put(key.sequence(), stamp(FAILED));
			}
			else {
				log.remove(key.sequence());
			}
			return null;
		}, false);
	}

	/**
	 * Return how many entries the log holds for a sender, for tests.
	 * @param sender the sender id in hex
	 * @return the count
	 */
	CompletableFuture<Long> entries(String sender) {
		return this.writer.submit(() -> log(sender).sizeAsLong(), false);
	}

	/**
	 * Commit what is left and close the file.
	 * @param timeout the longest wait
	 */
	void close(Duration timeout) {
		this.writer.close(timeout);
	}

	private static long stamp(long state) {
		return (System.currentTimeMillis() << 2) | state;
	}

	private long watermark(String sender) {
		Long watermark = this.watermarks.get(sender);
		return (watermark != null) ? watermark : -1;
	}

	/** Move the watermark over every sequence that follows it, deleting the entries of the done ones. */
	private void advance(String sender, MVMap<Long, Long> log) {
		long watermark = watermark(sender);
		long moved = watermark;
		while (true) {
			Long entry = log.get(moved + 1);
			if (entry == null) {
				break;
			}
			moved++;
			if ((entry & 3) == DONE) {
				log.remove(moved);
			}
		}
		if (moved != watermark) {
			this.watermarks.put(sender, moved);
		}
	}

	private MVMap<Long, Long> log(String sender) {
		MVMap<Long, Long> log = this.senders.get(sender);
		if (log == null) {
			if (this.senders.size() >= MAX_SENDERS && !this.store.hasMap("d." + sender)) {
				throw new IllegalStateException("the delivery log keeps at most " + MAX_SENDERS + " senders apart");
			}
			log = this.store.openMap("d." + sender);
			this.senders.put(sender, log);
		}
		return log;
	}

	/** Fold what follows each watermark into it, and delete entries older than the retention. */
	private void prune() {
		long oldest = (System.currentTimeMillis() - this.retentionMillis) << 2;
		for (String name : this.store.getMapNames()) {
			if (!name.startsWith("d.")) {
				continue;
			}
			String sender = name.substring(2);
			MVMap<Long, Long> log = log(sender);
			advance(sender, log);
			for (Iterator<Map.Entry<Long, Long>> entries = log.entrySet().iterator(); entries.hasNext();) {
				Map.Entry<Long, Long> entry = entries.next();
				if ((entry.getValue() & ~3L) < oldest && !this.inProgress.contains(new Key(sender, entry.getKey()))) {
					log.remove(entry.getKey());
				}
			}
		}
	}

	/**
	 * A message of an outbox.
	 *
	 * @param sender the sender id in hex
	 * @param sequence the sequence
	 */
	record Key(String sender, long sequence) {
	}

}

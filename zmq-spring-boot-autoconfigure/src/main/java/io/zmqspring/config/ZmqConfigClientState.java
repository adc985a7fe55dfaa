package io.zmqspring.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

/**
 * The decisions of a configuration client, without threads or sockets: which updates to apply,
 * when it is behind (a gap in the sequence numbers, a heartbeat ahead of it), when the server
 * restarted (another epoch, a sequence that goes backwards on the updates socket) and when it
 * went silent. Whenever the client cannot be sure it is in step, it asks for a snapshot, and
 * keeps the updates that arrive meanwhile to apply after it (the Clone pattern). Used by one
 * thread only.
 *
 * @author zmq-spring-boot
 */
final class ZmqConfigClientState {

	private static final Log logger = LogFactory.getLog(ZmqConfigClientState.class);

	/** Updates kept while a snapshot is awaited; beyond this the client asks again afterwards. */
	static final int MAX_PENDING = 10_000;

	private final String name;

	private final ZmqConfigMetrics metrics;

	private final Map<String, String> properties = new TreeMap<>();

	private final List<ZmqConfigUpdate> pending = new ArrayList<>();

	private boolean synced;

	private long epoch;

	private long sequence;

	private boolean syncing;

	private boolean overflowed;

	private boolean silent;

	private boolean heard;

	private boolean reportedNeverHeard;

	private long lastHeard;

	/** The last epoch counted as a restart, so that one restart is counted once. */
	private long restartedEpoch;

	/** The epoch the client left for another; what still arrives from it is ignored. */
	private long previousEpoch;

	/** The epoch and sequence of the last message on the updates socket, whose order ZeroMQ keeps. */
	private long streamEpoch;

	private long streamSequence = -1;

	/**
	 * Create the state of a client.
	 * @param name the client's name in log lines (its updates socket)
	 * @param metrics where gaps and restarts are counted
	 * @param now the current {@link System#nanoTime()}
	 */
	ZmqConfigClientState(String name, ZmqConfigMetrics metrics, long now) {
		this.name = name;
		this.metrics = metrics;
		this.lastHeard = now;
		this.syncing = true;
	}

	/**
	 * Start from the snapshot the client fetched at startup.
	 * @param source the property source holding it
	 */
	void startFrom(ZmqConfigPropertySource source) {
		if (source.isSynchronized()) {
			this.properties.putAll(source.getProperties());
			this.epoch = source.getEpoch();
			this.sequence = source.getSequence();
			this.synced = true;
			this.syncing = false;
		}
	}

	/**
	 * Whether the client waits for a snapshot.
	 * @return {@code true} from a detected gap or restart (or the start) until a snapshot arrived
	 */
	boolean isSyncing() {
		return this.syncing;
	}

	boolean isSynced() {
		return this.synced;
	}

	long getEpoch() {
		return this.epoch;
	}

	long getSequence() {
		return this.sequence;
	}

	/**
	 * Return the properties now (the same map, changed in place as updates apply).
	 * @return the properties
	 */
	Map<String, String> getProperties() {
		return this.properties;
	}

	/**
	 * Handle an update or heartbeat.
	 * @param message the message
	 * @param now the current {@link System#nanoTime()}
	 * @return whether the client must now ask for a snapshot
	 */
	boolean onMessage(ZmqConfigMessage message, long now) {
		this.lastHeard = now;
		this.heard = true;
		boolean wasSyncing = this.syncing;
		if (this.silent) {
			this.silent = false;
			logger.info(LogMessage.of(() -> "Config server on " + this.name + " is heard again; resynchronising"));
			if (!this.syncing) {
				startSync();
			}
		}
		if (message.epoch() == this.previousEpoch && message.epoch() != this.epoch) {
			// still in flight from the server the client left behind
			return this.syncing && !wasSyncing;
		}
		// ZeroMQ keeps one connection's messages in order, and a server numbers them upwards
		boolean backwards = message.epoch() == this.streamEpoch && message.sequence() < this.streamSequence;
		this.streamEpoch = message.epoch();
		this.streamSequence = message.sequence();
		if (backwards) {
			this.metrics.serverRestart();
			logger.info(LogMessage.of(() -> "Config server on " + this.name + " went back to sequence "
					+ message.sequence() + "; resynchronising"));
			startSync();
		}
		else if (!this.syncing) {
			if (message.epoch() != this.epoch) {
				restarted(message.epoch());
				logger.info(LogMessage.of(() -> "Config server on " + this.name + " restarted (epoch "
						+ ZmqConfigProtocol.formatEpoch(message.epoch()) + ", was "
						+ ZmqConfigProtocol.formatEpoch(this.epoch) + "); resynchronising"));
				startSync();
			}
			else if (message instanceof ZmqConfigUpdate update) {
				apply(update);
			}
			else {
				check((ZmqConfigHeartbeat) message);
			}
		}
		if (this.syncing && message instanceof ZmqConfigUpdate update) {
			keep(update);
		}
		return this.syncing && !wasSyncing;
	}

	/**
	 * Replace the state with a snapshot, then apply the updates that arrived after it.
	 * @param snapshot the snapshot
	 * @return whether the client must ask for another snapshot (an update after it is missing)
	 */
	boolean onSnapshot(ZmqConfigSnapshot snapshot) {
		if (this.synced && snapshot.epoch() != this.epoch) {
			// found while the client was already resynchronising (after a gap or a silence)
			restarted(snapshot.epoch());
			this.previousEpoch = this.epoch;
		}
		this.properties.clear();
		this.properties.putAll(snapshot.properties());
		this.epoch = snapshot.epoch();
		this.sequence = snapshot.sequence();
		this.synced = true;
		this.syncing = false;
		this.metrics.snapshot();
		List<ZmqConfigUpdate> arrived = new ArrayList<>(this.pending);
		boolean overflow = this.overflowed;
		this.pending.clear();
		this.overflowed = false;
		for (ZmqConfigUpdate update : arrived) {
			// Another epoch's updates were in flight before a restart; a heartbeat tells if it is ours
			if (update.epoch() == this.epoch && !this.syncing) {
				apply(update);
			}
			else if (update.epoch() == this.epoch) {
				keep(update);
			}
		}
		if (overflow && !this.syncing) {
			gap("more updates arrived during the snapshot than the client keeps");
		}
		return this.syncing;
	}

	/**
	 * Note that a snapshot request failed; the client is still waiting for one.
	 */
	void onSnapshotFailed() {
		this.syncing = true;
	}

	/**
	 * Check whether the server went silent: no update or heartbeat within the timeout.
	 * @param now the current {@link System#nanoTime()}
	 * @param timeoutNanos the server timeout
	 * @return whether it went silent just now
	 */
	boolean checkSilence(long now, long timeoutNanos) {
		if (!this.heard || this.silent || now - this.lastHeard < timeoutNanos) {
			return false;
		}
		this.silent = true;
		return true;
	}

	/**
	 * Check whether nothing at all was heard from the server since the start, for the timeout:
	 * nothing to resynchronise (the first message's epoch and sequence tell whether the client is
	 * in step), but worth a warning, once (an updates socket that reaches no server, for example).
	 * @param now the current {@link System#nanoTime()}
	 * @param timeoutNanos the server timeout
	 * @return whether that is so, the first time only
	 */
	boolean checkNeverHeard(long now, long timeoutNanos) {
		if (this.heard || this.reportedNeverHeard || now - this.lastHeard < timeoutNanos) {
			return false;
		}
		this.reportedNeverHeard = true;
		return true;
	}

	/**
	 * Whether the server was heard and is not silent.
	 * @return {@code false} before the first message and while the server is silent
	 */
	boolean isHeard() {
		return this.heard && !this.silent;
	}

	private void apply(ZmqConfigUpdate update) {
		if (update.sequence() <= this.sequence) {
			// already in the state, from a snapshot
			return;
		}
		if (update.sequence() != this.sequence + 1) {
			gap("update " + update.sequence() + " arrived after " + this.sequence);
			keep(update);
			return;
		}
		String value = update.value();
		if (value != null) {
			this.properties.put(update.key(), value);
		}
		else {
			this.properties.remove(update.key());
		}
		this.sequence = update.sequence();
		this.metrics.updateApplied();
	}

	/**
	 * A heartbeat ahead of the client means it missed updates. One behind it is late, not wrong:
	 * a snapshot travels on another socket and may overtake heartbeats sent before it.
	 */
	private void check(ZmqConfigHeartbeat heartbeat) {
		if (heartbeat.sequence() > this.sequence) {
			gap("the server is at " + heartbeat.sequence() + ", the client at " + this.sequence);
		}
	}

	private void restarted(long epoch) {
		if (epoch != this.restartedEpoch) {
			this.restartedEpoch = epoch;
			this.metrics.serverRestart();
		}
	}

	private void gap(String detail) {
		this.metrics.gap();
		logger.info(LogMessage.of(() -> "Config client on " + this.name + " missed updates (" + detail
				+ "); taking a snapshot"));
		startSync();
	}

	private void keep(ZmqConfigUpdate update) {
		if (this.pending.size() >= MAX_PENDING) {
			this.pending.clear();
			this.overflowed = true;
		}
		if (!this.overflowed) {
			this.pending.add(update);
		}
	}

	private void startSync() {
		this.syncing = true;
		this.pending.clear();
		this.overflowed = false;
	}

}

package io.zmqspring.config;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerEndpoint;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.listener.ZmqMessageListener;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqOperations;
import io.zmqspring.template.ZmqTemplate;

/**
 * The server of the configuration centre: it holds a set of properties and a sequence number,
 * answers snapshot requests on a ROUTER socket, publishes every change as a numbered update on a
 * PUB socket, and a heartbeat with its epoch and sequence every heartbeat interval (see
 * {@link ZmqConfigProtocol}). Both sockets are ordinary sockets of the application, so their
 * options and security apply: the ROUTER is received on by a listener container, the PUB sent on
 * through the template.
 * <p>
 * The properties come from {@link #setSources configuration and a directory of files}, read again
 * every poll interval, and from {@link #publish(String, String)} and {@link #remove(String)}.
 * Changes are numbered under one lock and handed to the template in that order, heartbeats
 * included, so a heartbeat never overtakes the update it counts. A change the template cannot
 * send (its queue full, the socket closed) stays in the state: clients see from the next
 * heartbeat that they are behind, and take a snapshot.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigServer implements SmartLifecycle {

	/** The lifecycle phase: after the template starts, before the listener containers. */
	public static final int PHASE = ZmqTemplate.PHASE + 50;

	/** The id of the listener that answers snapshot requests. */
	public static final String LISTENER_ID = "zmq-config-server";

	private static final Log logger = LogFactory.getLog(ZmqConfigServer.class);

	private static final ZmqRateLimitedLog networkLog = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	private final ZmqOperations template;

	private final String snapshotSocket;

	private final String publishSocket;

	private final long epoch = newEpoch();

	private final Object lock = new Object();

	/** Guarded by the lock. */
	private final Map<String, String> state = new TreeMap<>();

	/** What configuration and the directory gave at their last read. Guarded by the lock. */
	private Map<String, String> sourced = Map.of();

	private Map<String, String> configured = Map.of();

	private @Nullable ZmqConfigDirectory directory;

	private volatile long sequence;

	private Duration heartbeatInterval = Duration.ofSeconds(1);

	private Duration directoryPollInterval = Duration.ofSeconds(2);

	private ZmqConfigMetrics metrics = ZmqConfigMetrics.NONE;

	private ZmqMetrics zmqMetrics = ZmqMetrics.NONE;

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Create a server and register the listener that answers its snapshot requests.
	 * @param template the template that sends on the publish socket and the snapshot socket
	 * @param listenerRegistry where the snapshot socket's listener is registered
	 * @param snapshotSocket the ROUTER socket that answers snapshot requests
	 * @param publishSocket the name of the PUB or XPUB socket updates and heartbeats go out on
	 */
	public ZmqConfigServer(ZmqOperations template, ZmqListenerEndpointRegistry listenerRegistry,
			ZmqSocketDefinition snapshotSocket, String publishSocket) {
		Assert.notNull(template, "'template' must not be null");
		Assert.notNull(listenerRegistry, "'listenerRegistry' must not be null");
		Assert.isTrue(snapshotSocket.type() == ZmqSocketType.ROUTER, "The snapshot socket must be a ROUTER socket");
		Assert.hasText(publishSocket, "'publishSocket' must not be empty");
		this.template = template;
		this.snapshotSocket = snapshotSocket.name();
		this.publishSocket = publishSocket;
		ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(LISTENER_ID, snapshotSocket, new SnapshotRequests());
		endpoint.setDescription("the configuration server's snapshot socket");
		listenerRegistry.registerListener(endpoint);
	}

	private static long newEpoch() {
		long epoch;
		do {
			epoch = new SecureRandom().nextLong();
		}
		while (epoch == 0);
		return epoch;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		Assert.isTrue(heartbeatInterval.toMillis() > 0, "'heartbeatInterval' must be at least 1ms");
		this.heartbeatInterval = heartbeatInterval;
	}

	/**
	 * Set how often the directory is read again; zero reads it once.
	 * @param directoryPollInterval the interval
	 */
	public void setDirectoryPollInterval(Duration directoryPollInterval) {
		Assert.isTrue(!directoryPollInterval.isNegative(), "'directoryPollInterval' must not be negative");
		this.directoryPollInterval = directoryPollInterval;
	}

	public void setMetrics(ZmqConfigMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Set where malformed snapshot requests are counted.
	 * @param zmqMetrics the starter's metrics
	 */
	public void setZmqMetrics(ZmqMetrics zmqMetrics) {
		Assert.notNull(zmqMetrics, "'zmqMetrics' must not be null");
		this.zmqMetrics = zmqMetrics;
	}

	/**
	 * Set the properties the server starts with, at sequence 0: configured ones, and those of a
	 * directory's files, which win. Call before the server starts.
	 * @param properties the configured properties
	 * @param directory the directory, or {@code null} for none
	 * @throws IOException if the directory cannot be read
	 */
	public void setSources(Map<String, String> properties, @Nullable ZmqConfigDirectory directory) throws IOException {
		Map<String, String> read = (directory != null) ? directory.read() : Map.of();
		Assert.state(!isRunning(), "The server's sources are set before it starts");
		synchronized (this.lock) {
			this.configured = Map.copyOf(properties);
			this.directory = directory;
			Map<String, String> merged = merge(this.configured, read);
			// the state the server starts with, at sequence 0
			changesBetween(this.sourced, merged).forEach((key, value) -> {
				if (value != null) {
					this.state.put(key, value);
				}
				else {
					this.state.remove(key);
				}
			});
			this.sourced = merged;
		}
	}

	/**
	 * Return the server's epoch, drawn at random when it was created.
	 * @return the epoch
	 */
	public long getEpoch() {
		return this.epoch;
	}

	/**
	 * Return the number of the server's last update.
	 * @return the sequence, 0 before the first update
	 */
	public long getSequence() {
		return this.sequence;
	}

	/**
	 * Return the properties the server serves now.
	 * @return a copy, sorted by key
	 */
	public Map<String, String> getProperties() {
		return snapshot().properties();
	}

	/**
	 * Return the state a snapshot request gets now.
	 * @return the snapshot
	 */
	public ZmqConfigSnapshot snapshot() {
		synchronized (this.lock) {
			return new ZmqConfigSnapshot(this.epoch, this.sequence, this.state);
		}
	}

	/**
	 * Set a property and publish the change. Setting the value a key already has changes nothing.
	 * @param key the key
	 * @param value the value
	 * @return the server's sequence number after the change
	 */
	public long publish(String key, String value) {
		Assert.hasLength(key, "'key' must not be empty");
		Assert.notNull(value, "'value' must not be null");
		synchronized (this.lock) {
			change(key, value);
			return this.sequence;
		}
	}

	/**
	 * Remove a property and publish the removal. Removing a key that is not there changes nothing.
	 * @param key the key
	 * @return the server's sequence number after the change
	 */
	public long remove(String key) {
		Assert.hasLength(key, "'key' must not be empty");
		synchronized (this.lock) {
			change(key, null);
			return this.sequence;
		}
	}

	/**
	 * Set and remove many properties, each change an update of its own, numbered in the map's order.
	 * @param changes the new values by key, {@code null} to remove a key
	 * @return the server's sequence number after the changes
	 */
	public long publishAll(Map<String, ? extends @Nullable String> changes) {
		changes.keySet().forEach((key) -> Assert.hasLength(key, "A key must not be empty"));
		synchronized (this.lock) {
			apply(changes);
			return this.sequence;
		}
	}

	/** Guarded by the lock. */
	private void apply(Map<String, ? extends @Nullable String> changes) {
		changes.forEach(this::change);
	}

	/** Guarded by the lock. */
	private void change(String key, @Nullable String value) {
		String old = (value != null) ? this.state.put(key, value) : this.state.remove(key);
		if (Objects.equals(old, value)) {
			return;
		}
		this.sequence++;
		send(ZmqConfigProtocol.update(new ZmqConfigUpdate(this.epoch, this.sequence, key, value)));
		this.metrics.updatePublished();
	}

	/** Publish a heartbeat; under the lock, so that it is queued after the updates it counts. */
	void heartbeat() {
		synchronized (this.lock) {
			send(ZmqConfigProtocol.heartbeat(new ZmqConfigHeartbeat(this.epoch, this.sequence)));
		}
	}

	private void send(List<byte[]> frames) {
		if (!isRunning()) {
			// before start or after stop: the state has it, and clients get it with a snapshot
			return;
		}
		try {
			this.template.sendFrames(this.publishSocket, frames);
		}
		catch (RuntimeException ex) {
			networkLog.warn("publish", "Config server could not publish on socket " + this.publishSocket
					+ " (clients catch up from the next heartbeat): " + ex.getMessage(), null);
		}
	}

	/** Read the directory again and publish what changed in its files. */
	void readDirectory() {
		ZmqConfigDirectory dir = this.directory;
		if (dir == null) {
			return;
		}
		Map<String, String> read;
		try {
			read = dir.read();
		}
		catch (IOException | RuntimeException ex) {
			networkLog.warn("directory", "Config server could not read " + dir.getDirectory()
					+ " again; it keeps serving what it read before: " + ex.getMessage(), null);
			return;
		}
		synchronized (this.lock) {
			Map<String, String> merged = merge(this.configured, read);
			Map<String, @Nullable String> changes = changesBetween(this.sourced, merged);
			this.sourced = merged;
			if (!changes.isEmpty()) {
				logger.info(LogMessage.of(() -> "Config server publishes " + changes.size() + " changes of "
						+ dir.getDirectory()));
				apply(changes);
			}
		}
	}

	private static Map<String, String> merge(Map<String, String> configured, Map<String, String> read) {
		Map<String, String> merged = new LinkedHashMap<>(configured);
		merged.putAll(read);
		return merged;
	}

	private static Map<String, @Nullable String> changesBetween(Map<String, String> before, Map<String, String> after) {
		Set<String> keys = new LinkedHashSet<>(before.keySet());
		keys.addAll(after.keySet());
		Map<String, @Nullable String> changes = new LinkedHashMap<>();
		for (String key : keys) {
			String value = after.get(key);
			if (!Objects.equals(before.get(key), value)) {
				changes.put(key, value);
			}
		}
		return changes;
	}

	@Override
	public void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "zmq-config-server");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		this.executor = scheduler;
		this.metrics.serverSequence(this::getSequence);
		long interval = this.heartbeatInterval.toMillis();
		scheduler.scheduleAtFixedRate(guarded(this::heartbeat), 0, interval, TimeUnit.MILLISECONDS);
		long poll = this.directoryPollInterval.toMillis();
		if (this.directory != null && poll > 0) {
			scheduler.scheduleWithFixedDelay(guarded(this::readDirectory), poll, poll, TimeUnit.MILLISECONDS);
		}
		logger.info(LogMessage.of(() -> "Config server started: epoch " + ZmqConfigProtocol.formatEpoch(this.epoch)
				+ ", " + getProperties().size() + " properties, snapshots on " + this.snapshotSocket
				+ ", updates on " + this.publishSocket));
	}

	private static Runnable guarded(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				// a periodic task that throws is never run again
				logger.warn("Config server task failed; it runs again at its next time: " + ex, ex);
			}
		};
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		this.executor = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Answers snapshot requests on the ROUTER socket, on the socket's owner thread. */
	private final class SnapshotRequests implements ZmqMessageListener {

		@Override
		public byte @Nullable [] onMessage(ZmqInboundMessage message) {
			List<byte[]> envelope = message.getEnvelope();
			List<byte[]> frames = message.getFrames();
			try {
				ZmqConfigProtocol.checkSnapshotRequest(frames.subList(envelope.size(), frames.size()));
			}
			catch (ZmqConfigProtocolException ex) {
				ZmqConfigServer.this.zmqMetrics.invalidMessage(ZmqConfigServer.this.snapshotSocket, ex.getReason());
				networkLog.warn("request", "Config server ignored a message on socket "
						+ ZmqConfigServer.this.snapshotSocket + ": " + ex.getMessage(), null);
				return null;
			}
			List<byte[]> reply = new ArrayList<>(envelope);
			reply.addAll(ZmqConfigProtocol.snapshot(snapshot()));
			try {
				ZmqConfigServer.this.template.sendFrames(ZmqConfigServer.this.snapshotSocket, reply);
				ZmqConfigServer.this.metrics.snapshotServed();
			}
			catch (RuntimeException ex) {
				networkLog.warn("reply", "Config server could not answer a snapshot request on socket "
						+ ZmqConfigServer.this.snapshotSocket + " (the client asks again): " + ex.getMessage(), null);
			}
			return null;
		}

	}

}

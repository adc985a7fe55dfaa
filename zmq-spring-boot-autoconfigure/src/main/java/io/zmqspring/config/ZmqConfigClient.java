package io.zmqspring.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
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
 * The client of the configuration centre: it keeps a {@link ZmqConfigPropertySource} of the
 * {@code Environment} equal to a configuration server's state. Updates arrive on a SUB socket
 * (a listener container); snapshots are requested through the template on a DEALER or REQ
 * socket; both are ordinary sockets of the application, with their options and security.
 * <p>
 * Everything is decided on the client's own thread, {@code zmq-config-client}
 * ({@link ZmqConfigClientState}): updates apply in sequence order; a gap, a heartbeat ahead of
 * the client, another epoch, a sequence that goes backwards or a server heard again after it was
 * silent for the server timeout each make it take a snapshot, retried every snapshot timeout
 * until one arrives; updates that arrive meanwhile are applied after it. After each batch of
 * changes it replaces the property source as a whole, rebinds the affected
 * {@code @ConfigurationProperties} beans and publishes one {@link ZmqConfigChangedEvent}. A
 * malformed message is counted ({@code zmq.listener.invalid.messages}) and logged, and changes
 * nothing.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigClient implements SmartLifecycle {

	/** The lifecycle phase: after the template starts, before the listener containers. */
	public static final int PHASE = ZmqTemplate.PHASE + 50;

	/** The id of the listener that receives updates. */
	public static final String LISTENER_ID = "zmq-config-client";

	private static final Log logger = LogFactory.getLog(ZmqConfigClient.class);

	private static final ZmqRateLimitedLog networkLog = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	/** Published messages waiting for the client's thread; beyond this they are dropped (a gap). */
	private static final int MAX_QUEUED = 10_000;

	private static final Object STOP = new Object();

	private final ZmqOperations template;

	private final String snapshotSocket;

	private final String updatesSocket;

	private final ZmqConfigPropertySource propertySource;

	private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final Object lifecycleMonitor = new Object();

	private Duration snapshotTimeout = Duration.ofSeconds(2);

	private Duration serverTimeout = Duration.ofSeconds(5);

	private ZmqConfigMetrics metrics = ZmqConfigMetrics.NONE;

	private ZmqMetrics zmqMetrics = ZmqMetrics.NONE;

	private @Nullable ApplicationEventPublisher eventPublisher;

	private @Nullable ZmqConfigurationPropertiesRebinder rebinder;

	private volatile @Nullable Thread thread;

	private boolean metersRegistered;

	private volatile boolean serverHeard;

	// Owned by the client's thread

	private long requestNumber;

	private boolean requesting;

	private long nextRequestAt;

	/**
	 * Create a client and register the listener that receives its updates.
	 * @param template the template that requests snapshots
	 * @param listenerRegistry where the updates socket's listener is registered
	 * @param snapshotSocket the name of the DEALER or REQ socket snapshots are requested on
	 * @param updatesSocket the SUB socket updates arrive on, subscribed to {@link ZmqConfigProtocol#TOPIC}
	 * @param propertySource the property source to keep equal to the server's state
	 */
	public ZmqConfigClient(ZmqOperations template, ZmqListenerEndpointRegistry listenerRegistry,
			String snapshotSocket, ZmqSocketDefinition updatesSocket, ZmqConfigPropertySource propertySource) {
		Assert.notNull(template, "'template' must not be null");
		Assert.hasText(snapshotSocket, "'snapshotSocket' must not be empty");
		Assert.isTrue(updatesSocket.type() == ZmqSocketType.SUB, "The updates socket must be a SUB socket");
		Assert.notNull(propertySource, "'propertySource' must not be null");
		this.template = template;
		this.snapshotSocket = snapshotSocket;
		this.updatesSocket = updatesSocket.name();
		this.propertySource = propertySource;
		ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(LISTENER_ID, updatesSocket, new Updates());
		endpoint.setDescription("the configuration client's updates socket");
		listenerRegistry.registerListener(endpoint);
	}

	/**
	 * Set how long a snapshot request waits for its reply; a request without one is sent again.
	 * @param snapshotTimeout the timeout
	 */
	public void setSnapshotTimeout(Duration snapshotTimeout) {
		Assert.isTrue(snapshotTimeout.toMillis() > 0, "'snapshotTimeout' must be at least 1ms");
		this.snapshotTimeout = snapshotTimeout;
	}

	/**
	 * Set how long the server may stay silent (no update, no heartbeat) before the client
	 * considers it gone; once it is heard again the client takes a snapshot.
	 * @param serverTimeout the timeout, longer than the server's heartbeat interval
	 */
	public void setServerTimeout(Duration serverTimeout) {
		Assert.isTrue(serverTimeout.toMillis() > 0, "'serverTimeout' must be at least 1ms");
		this.serverTimeout = serverTimeout;
	}

	public void setMetrics(ZmqConfigMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Set where malformed messages are counted.
	 * @param zmqMetrics the starter's metrics
	 */
	public void setZmqMetrics(ZmqMetrics zmqMetrics) {
		Assert.notNull(zmqMetrics, "'zmqMetrics' must not be null");
		this.zmqMetrics = zmqMetrics;
	}

	/**
	 * Set where {@link ZmqConfigChangedEvent}s are published.
	 * @param eventPublisher the publisher, or {@code null} for none
	 */
	public void setEventPublisher(@Nullable ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Set what rebinds {@code @ConfigurationProperties} beans after a change.
	 * @param rebinder the rebinder, or {@code null} to rebind nothing
	 */
	public void setRebinder(@Nullable ZmqConfigurationPropertiesRebinder rebinder) {
		this.rebinder = rebinder;
	}

	/**
	 * Return the property source the client keeps.
	 * @return the property source
	 */
	public ZmqConfigPropertySource getPropertySource() {
		return this.propertySource;
	}

	/**
	 * Whether the server was heard (an update or a heartbeat) within the server timeout.
	 * @return {@code false} until the first message arrived, and while the server is silent
	 */
	public boolean isServerHeard() {
		return this.serverHeard;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.thread != null) {
				return;
			}
			this.inbox.clear();
			this.queued.set(0);
			this.serverHeard = false;
			if (!this.metersRegistered) {
				this.metersRegistered = true;
				this.metrics.clientSequence(this.propertySource::getSequence);
				if (this.propertySource.isSynchronized()) {
					// the snapshot taken at startup, before the meters existed
					this.metrics.snapshot();
				}
			}
			Thread started = new Thread(this::run, "zmq-config-client");
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}
	}

	@Override
	public void stop() {
		Thread running;
		synchronized (this.lifecycleMonitor) {
			running = this.thread;
			this.thread = null;
		}
		if (running == null) {
			return;
		}
		this.inbox.add(STOP);
		try {
			running.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (running.isAlive()) {
			logger.warn("The config client's thread did not end within 5 s (a ZmqConfigChangedEvent listener or a "
					+ "rebound bean is still busy); shutdown continues");
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		ZmqConfigClientState current = new ZmqConfigClientState(this.updatesSocket, this.metrics, System.nanoTime());
		current.startFrom(this.propertySource);
		this.requesting = false;
		this.nextRequestAt = System.nanoTime();
		try {
			while (true) {
				Object item = this.inbox.poll(waitMillis(current), TimeUnit.MILLISECONDS);
				while (item != null) {
					if (item == STOP) {
						return;
					}
					handle(current, item);
					item = this.inbox.poll();
				}
				long now = System.nanoTime();
				if (current.checkSilence(now, this.serverTimeout.toNanos())) {
					logger.warn("Config client heard nothing from the config server on " + this.updatesSocket
							+ " for " + this.serverTimeout.toMillis() + " ms; it keeps the properties it has and "
							+ "resynchronises when the server is back");
				}
				if (current.checkNeverHeard(now, this.serverTimeout.toNanos())) {
					logger.warn("Config client has heard nothing from the config server on " + this.updatesSocket
							+ " since it started " + this.serverTimeout.toMillis() + " ms ago; check the socket's "
							+ "endpoints and security");
				}
				if (current.isSyncing() && !this.requesting && now - this.nextRequestAt >= 0) {
					requestSnapshot(now);
				}
				this.serverHeard = current.isHeard();
				publishChanges(current);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | Error ex) {
			logger.error("Config client failed; it no longer follows the config server: " + ex, ex);
		}
	}

	private long waitMillis(ZmqConfigClientState current) {
		long wait = Math.max(1, this.serverTimeout.toMillis() / 4);
		if (current.isSyncing() && !this.requesting) {
			wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(this.nextRequestAt - System.nanoTime()) + 1);
		}
		return Math.max(1, wait);
	}

	private void handle(ZmqConfigClientState current, Object item) {
		if (item instanceof ZmqConfigMessage message) {
			this.queued.decrementAndGet();
			current.onMessage(message, System.nanoTime());
		}
		else if (item instanceof SnapshotReply reply && reply.number() == this.requestNumber) {
			this.requesting = false;
			ZmqConfigSnapshot snapshot = reply.snapshot();
			if (snapshot != null) {
				logger.info(LogMessage.of(() -> "Config client took a snapshot of " + snapshot.properties().size()
						+ " properties at sequence " + snapshot.sequence() + " (epoch "
						+ ZmqConfigProtocol.formatEpoch(snapshot.epoch()) + ")"));
				current.onSnapshot(snapshot);
			}
			else {
				current.onSnapshotFailed();
			}
		}
	}

	private void requestSnapshot(long now) {
		long number = ++this.requestNumber;
		this.requesting = true;
		this.nextRequestAt = now + this.snapshotTimeout.toNanos();
		try {
			this.template.sendAndReceiveAsync(this.snapshotSocket, ZmqConfigProtocol.snapshotRequest(),
					this.snapshotTimeout)
				.whenComplete((frames, ex) -> this.inbox.add(reply(number, frames, ex)));
		}
		catch (RuntimeException ex) {
			this.inbox.add(reply(number, null, ex));
		}
	}

	/** Turn a snapshot request's outcome into the reply the client's thread handles. */
	private SnapshotReply reply(long number, @Nullable List<byte[]> frames, @Nullable Throwable failure) {
		if (frames != null) {
			try {
				return new SnapshotReply(number, ZmqConfigProtocol.readSnapshot(frames));
			}
			catch (ZmqConfigProtocolException ex) {
				this.zmqMetrics.invalidMessage(this.snapshotSocket, ex.getReason());
				networkLog.warn("snapshot", "Config client got an invalid snapshot on socket " + this.snapshotSocket
						+ " (it asks again): " + ex.getMessage(), null);
				return new SnapshotReply(number, null);
			}
		}
		networkLog.warn("snapshot-failed", "Config client got no snapshot on socket " + this.snapshotSocket
				+ " (it asks again within " + this.snapshotTimeout.toMillis() + " ms): "
				+ ((failure != null) ? failure.getMessage() : "no reply"), null);
		return new SnapshotReply(number, null);
	}

	/** Replace the property source if the state changed; rebind and tell the application. */
	private void publishChanges(ZmqConfigClientState current) {
		if (!current.isSynced()) {
			return;
		}
		Map<String, String> before = this.propertySource.getProperties();
		Map<String, String> after = current.getProperties();
		Set<String> changed = new LinkedHashSet<>();
		for (String key : before.keySet()) {
			if (!Objects.equals(before.get(key), after.get(key))) {
				changed.add(key);
			}
		}
		for (String key : after.keySet()) {
			if (!before.containsKey(key)) {
				changed.add(key);
			}
		}
		boolean synced = this.propertySource.isSynchronized();
		if (changed.isEmpty() && synced && this.propertySource.getSequence() == current.getSequence()
				&& this.propertySource.getEpoch() == current.getEpoch()) {
			return;
		}
		this.propertySource.replace(current.getEpoch(), current.getSequence(), after);
		if (changed.isEmpty()) {
			return;
		}
		ZmqConfigurationPropertiesRebinder beans = this.rebinder;
		// what the application does with a change cannot stop the client
		try {
			if (beans != null) {
				beans.rebind(changed);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Config client could not rebind the configuration properties beans after a change: " + ex, ex);
		}
		ApplicationEventPublisher publisher = this.eventPublisher;
		try {
			if (publisher != null) {
				publisher
					.publishEvent(new ZmqConfigChangedEvent(this, changed, current.getEpoch(), current.getSequence()));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of ZmqConfigChangedEvent failed; the client goes on: " + ex, ex);
		}
	}

	/** Receives what the server publishes, on the updates socket's owner thread. */
	private final class Updates implements ZmqMessageListener {

		@Override
		public byte @Nullable [] onMessage(ZmqInboundMessage message) {
			ZmqConfigMessage published;
			try {
				published = ZmqConfigProtocol.readPublished(message.getFrames());
			}
			catch (ZmqConfigProtocolException ex) {
				ZmqConfigClient.this.zmqMetrics.invalidMessage(ZmqConfigClient.this.updatesSocket, ex.getReason());
				networkLog.warn("update", "Config client ignored a message on socket "
						+ ZmqConfigClient.this.updatesSocket + ": " + ex.getMessage(), null);
				return null;
			}
			if (ZmqConfigClient.this.queued.incrementAndGet() > MAX_QUEUED) {
				// the client's thread is far behind: drop, and the gap brings a snapshot
				ZmqConfigClient.this.queued.decrementAndGet();
				return null;
			}
			ZmqConfigClient.this.inbox.add(published);
			return null;
		}

	}

	private record SnapshotReply(long number, @Nullable ZmqConfigSnapshot snapshot) {
	}

}

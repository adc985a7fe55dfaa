package io.zmqspring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * The owners of the application's sockets: at most one {@link ZmqSocketOwner} per socket name
 * at a time, shared by everything that uses the socket. A listener and the template that both
 * use socket {@code api} use the same socket through the same owner, so a ROUTER listener's
 * socket can also send to its clients and a connecting DEALER has one connection, not two.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketOwners {

	private static final Log logger = LogFactory.getLog(ZmqSocketOwners.class);

	private final ZmqSocketFactory factory;

	private final Map<String, ZmqSocketOwner> owners = new ConcurrentHashMap<>();

	private final Map<String, ZmqSocketStats> stats = new ConcurrentHashMap<>();

	private final Object monitor = new Object();

	private volatile ZmqMetrics metrics = ZmqMetrics.NONE;

	private volatile int sendQueueCapacity = 1024;

	private volatile ZmqSocketEvents socketEvents = ZmqSocketEvents.NONE;

	private volatile Consumer<ZmqSocketStats> statsListener = (stats) -> {
	};

	ZmqSocketOwners(ZmqSocketFactory factory) {
		this.factory = factory;
	}

	/**
	 * Set the metrics the owners record failures with.
	 * @param metrics the metrics
	 */
	public void setMetrics(ZmqMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Set what to tell of each socket's statistics when the socket is first opened, for example
	 * to register meters on them.
	 * @param statsListener called once per socket name
	 */
	public void setStatsListener(Consumer<ZmqSocketStats> statsListener) {
		Assert.notNull(statsListener, "'statsListener' must not be null");
		this.statsListener = statsListener;
	}

	/**
	 * Set what the owners of sockets opened from now on tell of connections and failures. It is
	 * called on the owners' threads and must return at once.
	 * @param socketEvents the events' recipient
	 */
	public void setSocketEvents(ZmqSocketEvents socketEvents) {
		Assert.notNull(socketEvents, "'socketEvents' must not be null");
		this.socketEvents = socketEvents;
	}

	/**
	 * Set how many messages each socket queues before senders wait.
	 * @param sendQueueCapacity the capacity
	 */
	public void setSendQueueCapacity(int sendQueueCapacity) {
		Assert.isTrue(sendQueueCapacity > 0, "'sendQueueCapacity' must be positive");
		this.sendQueueCapacity = sendQueueCapacity;
	}

	/**
	 * Use a socket: the running owner of that name, or a new one that opens the socket on the
	 * calling thread. Every call must be paired with {@link ZmqSocketOwner#release()}.
	 * @param definition the socket's definition
	 * @return the owner
	 * @throws ZmqBindException if the socket cannot be opened
	 */
	public ZmqSocketOwner acquire(ZmqSocketDefinition definition) {
		Assert.notNull(definition, "'definition' must not be null");
		synchronized (this.monitor) {
			ZmqSocketOwner current = this.owners.get(definition.name());
			if (current != null && current.retain()) {
				return current;
			}
			if (current != null) {
				// Still closing: let it release its addresses before they are bound again
				if (!current.awaitClosed(System.nanoTime() + this.factory.getMaxLinger().toNanos() + 1_000_000_000L)) {
					logger.warn("ZeroMQ socket " + definition.name() + " is still closing; opening it again anyway");
				}
				this.owners.remove(definition.name(), current);
			}
			ZmqSocketOwner[] created = new ZmqSocketOwner[1];
			created[0] = new ZmqSocketOwner(this.factory, definition, this.sendQueueCapacity, this.metrics,
					statsFor(definition), this.socketEvents, () -> this.owners.remove(definition.name(), created[0]));
			created[0].start();
			this.owners.put(definition.name(), created[0]);
			return created[0];
		}
	}

	/**
	 * Return the statistics of every socket opened so far, open now or not.
	 * @return the statistics, by socket name
	 */
	public Map<String, ZmqSocketStats> getStats() {
		return java.util.Collections.unmodifiableMap(this.stats);
	}

	private ZmqSocketStats statsFor(ZmqSocketDefinition definition) {
		return this.stats.computeIfAbsent(definition.name(), (name) -> {
			ZmqSocketStats created = new ZmqSocketStats(name, definition.type());
			this.statsListener.accept(created);
			return created;
		});
	}

	/**
	 * Return the owner of a socket that is open now.
	 * @param name the socket name
	 * @return the owner, or {@code null}
	 */
	public @Nullable ZmqSocketOwner find(String name) {
		ZmqSocketOwner owner = this.owners.get(name);
		return (owner != null && owner.isOpen()) ? owner : null;
	}

	/**
	 * Return the owners of the sockets open now.
	 * @return the owners
	 */
	public List<ZmqSocketOwner> getOwners() {
		return new ArrayList<>(this.owners.values());
	}

	/**
	 * Wait for several owners to close, in parallel, under one deadline.
	 * @param closing the owners, already released
	 * @param timeout the longest wait for all of them
	 * @return the owners that did not close in time
	 */
	public static List<ZmqSocketOwner> awaitClosed(List<ZmqSocketOwner> closing, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ZmqSocketOwner> late = new ArrayList<>();
		for (ZmqSocketOwner owner : closing) {
			if (!owner.awaitClosed(deadline)) {
				late.add(owner);
			}
		}
		return late;
	}

}

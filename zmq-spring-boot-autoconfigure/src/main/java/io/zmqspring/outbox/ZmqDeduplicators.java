package io.zmqspring.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

import io.zmqspring.core.ZmqException;
import io.zmqspring.listener.ZmqDeliveryTracker;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * The listener sides of durable outboxes, one {@link ZmqDeduplicator} per socket with
 * {@code zmq.sockets.<name>.outbox.dedup.enabled}, opened when the first listener on the socket
 * is created and closed when the application context closes (after its listeners stopped).
 *
 * @author zmq-spring-boot
 */
public class ZmqDeduplicators implements DisposableBean {

	private final Map<String, ZmqDedupSettings> settings;

	private final ZmqMetrics metrics;

	private final Map<String, ZmqDeduplicator> open = new ConcurrentHashMap<>();

	private Duration closeTimeout = Duration.ofSeconds(5);

	/**
	 * Create the registry.
	 * @param settings the settings, by socket name
	 * @param metrics where discarded messages are counted
	 */
	public ZmqDeduplicators(Map<String, ZmqDedupSettings> settings, ZmqMetrics metrics) {
		this.settings = Map.copyOf(settings);
		this.metrics = metrics;
	}

	/**
	 * Set the longest wait for each delivery log to close.
	 * @param closeTimeout the timeout
	 */
	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	/**
	 * Return the deduplicator of a socket, opening its delivery log on first use.
	 * @param socket the socket's name
	 * @return the deduplicator, or {@code null} if the socket has none
	 * @throws ZmqException if the delivery log cannot be opened
	 */
	public @Nullable ZmqDeliveryTracker get(String socket) {
		ZmqDedupSettings dedup = this.settings.get(socket);
		if (dedup == null) {
			return null;
		}
		return this.open.computeIfAbsent(socket, (name) -> {
			try {
				return new ZmqDeduplicator(name, dedup.directory(), dedup.sync(), dedup.retention(), this.metrics);
			}
			catch (RuntimeException ex) {
				throw new ZmqException("Could not open the delivery log of socket '" + name + "' in "
						+ dedup.directory().toAbsolutePath() + " (zmq.sockets." + name + ".outbox.directory): "
						+ ex.getMessage() + "; one process at a time may use it", ex);
			}
		});
	}

	@Override
	public void destroy() {
		this.open.values().forEach((deduplicator) -> deduplicator.close(this.closeTimeout));
		this.open.clear();
	}

}

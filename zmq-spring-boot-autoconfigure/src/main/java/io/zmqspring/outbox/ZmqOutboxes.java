package io.zmqspring.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqDurableSends;
import io.zmqspring.template.ZmqTemplate;

/**
 * The durable outboxes of the application's sockets, one per socket with
 * {@code zmq.sockets.<name>.outbox.enabled}, and the template's way to them. They start before
 * the template (so what an earlier run left unacknowledged is delivered even before the first
 * new send) and stop after it.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboxes implements ZmqDurableSends, SmartLifecycle {

	/** The lifecycle phase: started before and stopped after the template. */
	public static final int PHASE = ZmqTemplate.PHASE - 10;

	private final Map<String, ZmqOutbox> outboxes = new LinkedHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private Duration stopTimeout = Duration.ofSeconds(5);

	private volatile boolean running;

	/**
	 * Create the outboxes.
	 * @param socketFactory the factory whose sockets they use
	 * @param settings the settings by socket name; each names a socket of the factory's registry
	 * @param metrics where their meters go
	 */
	public ZmqOutboxes(ZmqSocketFactory socketFactory, Map<String, ZmqOutboxSettings> settings, ZmqMetrics metrics) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		settings.forEach((name, outbox) -> {
			ZmqOutbox created = new ZmqOutbox(socketFactory.getRegistry().getDefinition(name), outbox,
					socketFactory.getOwners(), metrics);
			this.outboxes.put(name, created);
			metrics.outboxDepth(name, created::getDepth);
		});
	}

	/**
	 * Set the longest wait for each outbox to stop.
	 * @param stopTimeout the timeout
	 */
	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Return the names of the sockets that have an outbox.
	 * @return the socket names
	 */
	public java.util.Set<String> getSocketNames() {
		return java.util.Collections.unmodifiableSet(this.outboxes.keySet());
	}

	/**
	 * Return the outbox of a socket.
	 * @param socket the socket name
	 * @return the outbox, or {@code null} if the socket has none
	 */
	public @Nullable ZmqOutbox getOutbox(String socket) {
		return this.outboxes.get(socket);
	}

	@Override
	public boolean hasOutbox(String socket) {
		return this.outboxes.containsKey(socket);
	}

	@Override
	public boolean send(ZmqSocketOwner owner, Object message) {
		ZmqOutbox outbox = this.outboxes.get(owner.getName());
		if (outbox == null) {
			return false;
		}
		outbox.send(message);
		return true;
	}

	@Override
	public boolean sendBatch(ZmqSocketOwner owner, Object[] messages) {
		ZmqOutbox outbox = this.outboxes.get(owner.getName());
		if (outbox == null) {
			return false;
		}
		outbox.sendBatch(messages);
		return true;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			List<ZmqOutbox> started = new ArrayList<>();
			try {
				for (ZmqOutbox outbox : this.outboxes.values()) {
					outbox.start();
					started.add(outbox);
				}
			}
			catch (RuntimeException ex) {
				started.forEach((outbox) -> outbox.stop(this.stopTimeout));
				throw ex;
			}
			this.running = true;
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			this.running = false;
			this.outboxes.values().forEach((outbox) -> outbox.stop(this.stopTimeout));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

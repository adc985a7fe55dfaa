package io.zmqspring.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqConfigurationException;

/**
 * Creates and holds the listener containers, and starts and stops them by id or all together.
 * As a {@link SmartLifecycle} it starts the auto-startup containers after the rest of the
 * application and stops every container before it.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

	private final ZmqListenerContainerFactory containerFactory;

	private final Map<String, ZmqListenerContainer> containers = new LinkedHashMap<>();

	private final Map<String, ZmqListenerEndpoint> socketOwners = new LinkedHashMap<>();

	private volatile boolean running;

	public ZmqListenerEndpointRegistry(ZmqListenerContainerFactory containerFactory) {
		Assert.notNull(containerFactory, "'containerFactory' must not be null");
		this.containerFactory = containerFactory;
	}

	/**
	 * Create a container for an endpoint; start it now if the registry is running and the
	 * endpoint starts automatically.
	 * @param endpoint the endpoint
	 * @return the container
	 * @throws ZmqConfigurationException if the id or the socket is already taken
	 */
	public ZmqListenerContainer registerListener(ZmqListenerEndpoint endpoint) {
		ZmqListenerContainer container;
		synchronized (this.containers) {
			if (this.containers.containsKey(endpoint.getId())) {
				throw new ZmqConfigurationException(endpoint.getDescription(), endpoint.getId(),
						"another listener already has this id");
			}
			String socketName = endpoint.getSocket().name();
			ZmqListenerEndpoint owner = this.socketOwners.get(socketName);
			if (owner != null) {
				throw new ZmqConfigurationException(endpoint.getDescription(), socketName,
						"socket '" + socketName + "' is already used by " + owner.getDescription()
								+ "; a socket belongs to one listener (use concurrency for more threads)");
			}
			container = this.containerFactory.createContainer(endpoint);
			this.containers.put(endpoint.getId(), container);
			this.socketOwners.put(socketName, endpoint);
		}
		if (this.running && container.isAutoStartup()) {
			container.start();
		}
		return container;
	}

	/**
	 * Return the container of a listener.
	 * @param id the listener id
	 * @return the container, or {@code null}
	 */
	public @Nullable ZmqListenerContainer getListenerContainer(String id) {
		synchronized (this.containers) {
			return this.containers.get(id);
		}
	}

	/**
	 * Return the ids of all listeners.
	 * @return the ids, in registration order
	 */
	public Set<String> getListenerContainerIds() {
		synchronized (this.containers) {
			return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(this.containers.keySet()));
		}
	}

	/**
	 * Return all containers.
	 * @return the containers, in registration order
	 */
	public Collection<ZmqListenerContainer> getListenerContainers() {
		synchronized (this.containers) {
			return List.copyOf(this.containers.values());
		}
	}

	/**
	 * Return the names of the sockets owned by listeners, which the template does not open.
	 * @return the socket names
	 */
	public Set<String> getListenerSocketNames() {
		synchronized (this.containers) {
			return this.containers.values()
				.stream()
				.map((container) -> container.getSocketDefinition().name())
				.collect(Collectors.toUnmodifiableSet());
		}
	}

	@Override
	public void start() {
		for (ZmqListenerContainer container : getListenerContainers()) {
			if (container.isAutoStartup()) {
				container.start();
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		stopAll();
	}

	/** Stop every running container in parallel, waiting for all under one stop timeout. */
	private void stopAll() {
		List<ZmqListenerContainer> active = new ArrayList<>();
		for (ZmqListenerContainer container : getListenerContainers()) {
			if (container.isRunning()) {
				active.add(container);
			}
		}
		CountDownLatch stopped = new CountDownLatch(active.size());
		for (ZmqListenerContainer container : active) {
			container.stop(stopped::countDown);
		}
		try {
			stopped.await(this.containerFactory.getStopTimeout().toMillis() + 200, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		List<ZmqListenerContainer> active = new ArrayList<>();
		for (ZmqListenerContainer container : getListenerContainers()) {
			if (container.isRunning()) {
				active.add(container);
			}
		}
		if (active.isEmpty()) {
			callback.run();
			return;
		}
		AtomicInteger remaining = new AtomicInteger(active.size());
		for (ZmqListenerContainer container : active) {
			container.stop(() -> {
				if (remaining.decrementAndGet() == 0) {
					callback.run();
				}
			});
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return ZmqListenerContainer.DEFAULT_PHASE;
	}

	@Override
	public void destroy() {
		stopAll();
	}

}

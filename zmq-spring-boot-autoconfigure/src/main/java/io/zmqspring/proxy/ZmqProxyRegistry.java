package io.zmqspring.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * The application's proxies, by name: starts them with the application (in the listener
 * containers' phase) and stops them with it, and pauses, resumes, starts and stops one by name.
 *
 * @author zmq-spring-boot
 */
public class ZmqProxyRegistry implements SmartLifecycle {

	private final Map<String, ZmqProxy> proxies = new LinkedHashMap<>();

	private final Supplier<Set<String>> listenerSocketNames;

	private volatile boolean running;

	/**
	 * Create a registry of proxies.
	 * @param definitions the proxies' definitions
	 * @param socketFactory the factory that opens their sockets
	 * @param metrics where dropped messages are counted
	 * @param listenerSocketNames the names of the sockets listeners receive on, which no proxy may
	 * use; read when the proxies start
	 */
	public ZmqProxyRegistry(Collection<ZmqProxyDefinition> definitions, ZmqSocketFactory socketFactory,
			ZmqMetrics metrics, Supplier<Set<String>> listenerSocketNames) {
		Assert.notNull(definitions, "'definitions' must not be null");
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.notNull(listenerSocketNames, "'listenerSocketNames' must not be null");
		for (ZmqProxyDefinition definition : definitions) {
			ZmqProxy proxy = new ZmqProxy(definition, socketFactory);
			proxy.setMetrics(metrics);
			Assert.isTrue(this.proxies.put(definition.name(), proxy) == null,
					() -> "Duplicate proxy name '" + definition.name() + "'");
		}
		this.listenerSocketNames = listenerSocketNames;
	}

	/**
	 * Return a proxy.
	 * @param name the proxy's name
	 * @return the proxy, or {@code null} if there is none of that name
	 */
	public @Nullable ZmqProxy getProxy(String name) {
		return this.proxies.get(name);
	}

	/**
	 * Return every proxy, in configuration order.
	 * @return the proxies
	 */
	public List<ZmqProxy> getProxies() {
		return List.copyOf(this.proxies.values());
	}

	/**
	 * Return the names of the sockets the proxies use, which neither the template nor a listener
	 * may open.
	 * @return the socket names
	 */
	public Set<String> getProxySocketNames() {
		Set<String> names = new java.util.LinkedHashSet<>();
		for (ZmqProxy proxy : this.proxies.values()) {
			names.addAll(proxy.getDefinition().socketNames());
		}
		return names;
	}

	/**
	 * Pause a proxy: it stops forwarding, and messages queue in its sockets.
	 * @param name the proxy's name
	 * @throws IllegalArgumentException if there is no such proxy
	 */
	public void pause(String name) {
		required(name).pause();
	}

	/**
	 * Resume a paused proxy.
	 * @param name the proxy's name
	 * @throws IllegalArgumentException if there is no such proxy
	 */
	public void resume(String name) {
		required(name).resume();
	}

	/**
	 * Start a proxy; starting a running one does nothing.
	 * @param name the proxy's name
	 * @throws IllegalArgumentException if there is no such proxy
	 */
	public void start(String name) {
		required(name).start();
	}

	/**
	 * Stop a proxy and close its sockets.
	 * @param name the proxy's name
	 * @throws IllegalArgumentException if there is no such proxy
	 */
	public void stop(String name) {
		required(name).stop();
	}

	private ZmqProxy required(String name) {
		ZmqProxy proxy = this.proxies.get(name);
		if (proxy == null) {
			throw new IllegalArgumentException("No ZeroMQ proxy named '" + name + "'; the proxies are "
					+ this.proxies.keySet());
		}
		return proxy;
	}

	@Override
	public void start() {
		checkNoListenerSockets();
		List<ZmqProxy> started = new ArrayList<>();
		try {
			for (ZmqProxy proxy : this.proxies.values()) {
				if (proxy.getDefinition().autoStartup()) {
					proxy.start();
					started.add(proxy);
				}
			}
		}
		catch (RuntimeException ex) {
			stopAll(started);
			throw ex;
		}
		this.running = true;
	}

	private void checkNoListenerSockets() {
		Set<String> listenerSockets = this.listenerSocketNames.get();
		for (ZmqProxy proxy : this.proxies.values()) {
			ZmqProxyDefinition definition = proxy.getDefinition();
			Map<String, String> sides = new LinkedHashMap<>();
			sides.put("frontend", definition.frontend().name());
			sides.put("backend", definition.backend().name());
			if (definition.capture() != null) {
				sides.put("capture", definition.capture().name());
			}
			for (Map.Entry<String, String> entry : sides.entrySet()) {
				String side = entry.getKey();
				String socket = entry.getValue();
				if (listenerSockets.contains(socket)) {
					throw new ZmqConfigurationException("zmq.proxies." + definition.name() + "." + side, socket,
							"socket '" + socket + "' is also used by a @ZmqListener; a proxy's sockets belong to the "
									+ "proxy alone");
				}
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		stopAll(getProxies());
	}

	/** Stop proxies in parallel: all are asked first, then each is waited for. */
	private static void stopAll(List<ZmqProxy> toStop) {
		for (ZmqProxy proxy : toStop) {
			proxy.requestStop();
		}
		for (ZmqProxy proxy : toStop) {
			proxy.stop();
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

}

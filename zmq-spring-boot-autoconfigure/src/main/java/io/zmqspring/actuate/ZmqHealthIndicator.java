package io.zmqspring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqContextSupervisor;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketOwners;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.proxy.ZmqProxy;
import io.zmqspring.proxy.ZmqProxyRegistry;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator HealthIndicator} for
 * ZeroMQ. It is down when
 * <ul>
 * <li>a listener container that should run (it starts automatically and the listeners were
 * started) is not running,</li>
 * <li>a running listener container's socket is not open ({@code REOPENING} or
 * {@code CLOSED}),</li>
 * <li>a socket failed and is being opened again ({@code REOPENING}), or</li>
 * <li>a thread of the context died, which loses the sockets it served, or</li>
 * <li>a proxy failed ({@code REOPENING}), ended by itself ({@code FAILED}), or is stopped although
 * it starts automatically and the proxies were started.</li>
 * </ul>
 * The details list each open socket (type, actual endpoints, state, failures), each listener
 * (socket, running, socket state) and each proxy (kind, state, messages by direction); never
 * socket options, so never keys or passwords.
 *
 * @author zmq-spring-boot
 */
public class ZmqHealthIndicator extends AbstractHealthIndicator {

	private final ZmqSocketOwners owners;

	private final ZmqSocketRegistry socketRegistry;

	private final ZmqListenerEndpointRegistry listenerRegistry;

	private final @Nullable ZmqContextSupervisor supervisor;

	private final @Nullable ZmqProxyRegistry proxyRegistry;

	/**
	 * Create a new indicator.
	 * @param owners the owners of the open sockets
	 * @param socketRegistry the registry that knows the actual endpoints
	 * @param listenerRegistry the listener containers
	 * @param supervisor the supervisor of the context, or {@code null} if it is not supervised
	 */
	public ZmqHealthIndicator(ZmqSocketOwners owners, ZmqSocketRegistry socketRegistry,
			ZmqListenerEndpointRegistry listenerRegistry, @Nullable ZmqContextSupervisor supervisor) {
		this(owners, socketRegistry, listenerRegistry, supervisor, null);
	}

	/**
	 * Create a new indicator.
	 * @param owners the owners of the open sockets
	 * @param socketRegistry the registry that knows the actual endpoints
	 * @param listenerRegistry the listener containers
	 * @param supervisor the supervisor of the context, or {@code null} if it is not supervised
	 * @param proxyRegistry the proxies, or {@code null} for none
	 */
	public ZmqHealthIndicator(ZmqSocketOwners owners, ZmqSocketRegistry socketRegistry,
			ZmqListenerEndpointRegistry listenerRegistry, @Nullable ZmqContextSupervisor supervisor,
			@Nullable ZmqProxyRegistry proxyRegistry) {
		super("ZeroMQ health check failed");
		Assert.notNull(owners, "'owners' must not be null");
		Assert.notNull(socketRegistry, "'socketRegistry' must not be null");
		Assert.notNull(listenerRegistry, "'listenerRegistry' must not be null");
		this.owners = owners;
		this.socketRegistry = socketRegistry;
		this.listenerRegistry = listenerRegistry;
		this.supervisor = supervisor;
		this.proxyRegistry = proxyRegistry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		if (this.supervisor != null) {
			boolean healthy = this.supervisor.isHealthy();
			up = healthy;
			builder.withDetail("context", Map.of("healthy", healthy, "fatalFaults", this.supervisor.getFatalFaults()));
		}
		Map<String, Object> sockets = new LinkedHashMap<>();
		for (ZmqSocketOwner owner : this.owners.getOwners()) {
			ZmqSocketOwner.State state = owner.getState();
			up &= state != ZmqSocketOwner.State.REOPENING;
			Map<String, Object> socket = new LinkedHashMap<>();
			socket.put("type", owner.getDefinition().type());
			socket.put("endpoints", this.socketRegistry.getActualEndpoints(owner.getName()));
			socket.put("state", state);
			socket.put("failures", owner.getFailures());
			sockets.put(owner.getName(), socket);
		}
		builder.withDetail("sockets", sockets);
		Map<String, Object> listeners = new LinkedHashMap<>();
		boolean listenersStarted = this.listenerRegistry.isRunning();
		for (ZmqListenerContainer container : this.listenerRegistry.getListenerContainers()) {
			boolean running = container.isRunning();
			ZmqSocketOwner.State socketState = container.getSocketState();
			if (running) {
				up &= socketState == ZmqSocketOwner.State.RUNNING;
			}
			else {
				up &= !(listenersStarted && container.isAutoStartup());
			}
			Map<String, Object> listener = new LinkedHashMap<>();
			listener.put("socket", container.getSocketDefinition().name());
			listener.put("running", running);
			listener.put("socketState", socketState);
			listeners.put(container.getId(), listener);
		}
		builder.withDetail("listeners", listeners);
		if (this.proxyRegistry != null && !this.proxyRegistry.getProxies().isEmpty()) {
			up &= proxiesUp(builder, this.proxyRegistry);
		}
		if (up) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static boolean proxiesUp(Health.Builder builder, ZmqProxyRegistry registry) {
		boolean up = true;
		boolean started = registry.isRunning();
		Map<String, Object> proxies = new LinkedHashMap<>();
		for (ZmqProxy proxy : registry.getProxies()) {
			ZmqProxy.State state = proxy.getState();
			up &= state != ZmqProxy.State.REOPENING && state != ZmqProxy.State.FAILED;
			up &= !(state == ZmqProxy.State.STOPPED && started && proxy.getDefinition().autoStartup());
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("kind", proxy.getDefinition().kind());
			details.put("state", state);
			for (ZmqProxy.Direction direction : ZmqProxy.Direction.values()) {
				details.put(direction.tag(), proxy.getMessages(direction));
			}
			details.put("failures", proxy.getFailures());
			proxies.put(proxy.getName(), details);
		}
		builder.withDetail("proxies", proxies);
		return up;
	}

}

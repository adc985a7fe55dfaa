package io.zmqspring.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.proxy.ZmqProxy;
import io.zmqspring.proxy.ZmqProxyDefinition;
import io.zmqspring.proxy.ZmqProxyRegistry;

/**
 * {@link Endpoint @Endpoint} that shows the ZeroMQ sockets and listeners, and starts and stops
 * listeners by id. Over HTTP: {@code GET /actuator/zmq}, {@code GET /actuator/zmq/{id}},
 * {@code POST /actuator/zmq/{id}} starts a listener and {@code DELETE /actuator/zmq/{id}} stops
 * it; {@code POST /actuator/zmq/{proxy}/pause} (or {@code resume}, {@code start}, {@code stop})
 * acts on a proxy. Sockets are described by type, endpoints, state and failures only, never by their
 * options, so no key or password is shown.
 *
 * @author zmq-spring-boot
 */
@Endpoint(id = "zmq")
public class ZmqActuatorEndpoint {

	private final ZmqSocketFactory socketFactory;

	private final ZmqListenerEndpointRegistry listenerRegistry;

	private final @Nullable ZmqProxyRegistry proxyRegistry;

	/**
	 * Create a new endpoint.
	 * @param socketFactory the socket factory, for the definitions and owners of the sockets
	 * @param listenerRegistry the listener containers
	 */
	public ZmqActuatorEndpoint(ZmqSocketFactory socketFactory, ZmqListenerEndpointRegistry listenerRegistry) {
		this(socketFactory, listenerRegistry, null);
	}

	/**
	 * Create a new endpoint.
	 * @param socketFactory the socket factory, for the definitions and owners of the sockets
	 * @param listenerRegistry the listener containers
	 * @param proxyRegistry the proxies, or {@code null} for none
	 */
	public ZmqActuatorEndpoint(ZmqSocketFactory socketFactory, ZmqListenerEndpointRegistry listenerRegistry,
			@Nullable ZmqProxyRegistry proxyRegistry) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.notNull(listenerRegistry, "'listenerRegistry' must not be null");
		this.socketFactory = socketFactory;
		this.listenerRegistry = listenerRegistry;
		this.proxyRegistry = proxyRegistry;
	}

	/**
	 * Describe the configured and open sockets, and the listeners.
	 * @return the description
	 */
	@ReadOperation
	public ZmqDescriptor zmq() {
		ZmqSocketRegistry registry = this.socketFactory.getRegistry();
		Map<String, ZmqSocketDefinition> definitions = new LinkedHashMap<>(registry.getDefinitions());
		Map<String, ZmqSocketOwner> owners = new LinkedHashMap<>();
		for (ZmqSocketOwner owner : this.socketFactory.getOwners().getOwners()) {
			owners.put(owner.getName(), owner);
			definitions.putIfAbsent(owner.getName(), owner.getDefinition());
		}
		Map<String, ProxyDescriptor> proxies = new LinkedHashMap<>();
		if (this.proxyRegistry != null) {
			for (ZmqProxy proxy : this.proxyRegistry.getProxies()) {
				proxies.put(proxy.getName(), describe(proxy));
			}
			// described with their proxy
			definitions.keySet().removeAll(this.proxyRegistry.getProxySocketNames());
		}
		Map<String, SocketDescriptor> sockets = new LinkedHashMap<>();
		definitions.forEach((name, definition) -> {
			ZmqSocketOwner owner = owners.get(name);
			ZmqSocketDefinition described = (owner != null) ? owner.getDefinition() : definition;
			sockets.put(name, new SocketDescriptor(described.type().name(),
					described.endpoints().stream().map(ZmqEndpoint::toString).toList(),
					registry.getActualEndpoints(name),
					(owner != null) ? owner.getState().name() : ZmqSocketOwner.State.CLOSED.name(),
					(owner != null) ? owner.getFailures() : 0));
		});
		Map<String, ListenerDescriptor> listeners = new LinkedHashMap<>();
		for (ZmqListenerContainer container : this.listenerRegistry.getListenerContainers()) {
			listeners.put(container.getId(), describe(container));
		}
		return new ZmqDescriptor(sockets, listeners, proxies);
	}

	/**
	 * Pause, resume, start or stop a proxy.
	 * @param name the proxy's name
	 * @param action {@code pause}, {@code resume}, {@code start} or {@code stop}
	 * @return the description after the action, or {@code null} if there is no such proxy
	 */
	@WriteOperation
	public @Nullable ProxyDescriptor proxy(@Selector String name, @Selector String action) {
		ZmqProxy proxy = (this.proxyRegistry != null) ? this.proxyRegistry.getProxy(name) : null;
		if (proxy == null) {
			return null;
		}
		switch (action) {
			case "pause" -> proxy.pause();
			case "resume" -> proxy.resume();
			case "start" -> proxy.start();
			case "stop" -> proxy.stop();
			default -> throw new InvalidEndpointRequestException("Unknown proxy action '" + action + "'",
					"the action is pause, resume, start or stop");
		}
		return describe(proxy);
	}

	private ProxyDescriptor describe(ZmqProxy proxy) {
		ZmqProxyDefinition definition = proxy.getDefinition();
		ZmqSocketRegistry registry = this.socketFactory.getRegistry();
		Map<String, ProxySocketDescriptor> sockets = new LinkedHashMap<>();
		sockets.put("frontend", describe(definition.frontend(), registry));
		sockets.put("backend", describe(definition.backend(), registry));
		if (definition.capture() != null) {
			sockets.put("capture", describe(definition.capture(), registry));
		}
		Map<String, Long> messages = new LinkedHashMap<>();
		for (ZmqProxy.Direction direction : ZmqProxy.Direction.values()) {
			messages.put(direction.tag(), proxy.getMessages(direction));
		}
		return new ProxyDescriptor(proxy.getName(), definition.kind().name(), proxy.getState().name(), sockets,
				messages, proxy.getDropped(), proxy.getFailures());
	}

	private static ProxySocketDescriptor describe(ZmqSocketDefinition socket, ZmqSocketRegistry registry) {
		return new ProxySocketDescriptor(socket.name(), socket.type().name(),
				socket.endpoints().stream().map(ZmqEndpoint::toString).toList(), registry.getActualEndpoints(socket.name()));
	}

	/**
	 * Describe one listener.
	 * @param id the listener id
	 * @return the description, or {@code null} if there is no such listener
	 */
	@ReadOperation
	public @Nullable ListenerDescriptor listener(@Selector String id) {
		ZmqListenerContainer container = this.listenerRegistry.getListenerContainer(id);
		return (container != null) ? describe(container) : null;
	}

	/**
	 * Start a listener; starting a running listener does nothing.
	 * @param id the listener id
	 * @return the description after the start, or {@code null} if there is no such listener
	 */
	@WriteOperation
	public @Nullable ListenerDescriptor startListener(@Selector String id) {
		ZmqListenerContainer container = this.listenerRegistry.getListenerContainer(id);
		if (container == null) {
			return null;
		}
		container.start();
		return describe(container);
	}

	/**
	 * Stop a listener, letting the messages in hand finish; stopping a stopped listener does
	 * nothing.
	 * @param id the listener id
	 * @return the description after the stop, or {@code null} if there is no such listener
	 */
	@DeleteOperation
	public @Nullable ListenerDescriptor stopListener(@Selector String id) {
		ZmqListenerContainer container = this.listenerRegistry.getListenerContainer(id);
		if (container == null) {
			return null;
		}
		container.stop();
		return describe(container);
	}

	private ListenerDescriptor describe(ZmqListenerContainer container) {
		return new ListenerDescriptor(container.getId(), container.getSocketDefinition().name(),
				container.isRunning(), container.getSocketState().name(), container.getConcurrency(),
				container.getActualEndpoints());
	}

	/**
	 * Description of the sockets and listeners.
	 *
	 * @param sockets the sockets by name, except those of the proxies
	 * @param listeners the listeners by id
	 * @param proxies the proxies by name
	 */
	public record ZmqDescriptor(Map<String, SocketDescriptor> sockets, Map<String, ListenerDescriptor> listeners,
			Map<String, ProxyDescriptor> proxies) implements OperationResponseBody {

	}

	/**
	 * Description of one proxy.
	 *
	 * @param name the proxy's name
	 * @param kind {@code FORWARDER}, {@code QUEUE} or {@code STREAMER}
	 * @param state {@code RUNNING}, {@code PAUSED}, {@code STOPPED}, {@code REOPENING} or {@code FAILED}
	 * @param sockets its {@code frontend}, {@code backend} and {@code capture} sockets
	 * @param messages the messages forwarded, by direction ({@code frontend-to-backend},
	 * {@code backend-to-frontend})
	 * @param dropped the messages received but not forwarded
	 * @param failures how many times it failed and opened its sockets again
	 */
	public record ProxyDescriptor(String name, String kind, String state, Map<String, ProxySocketDescriptor> sockets,
			Map<String, Long> messages, long dropped, long failures) implements OperationResponseBody {

	}

	/**
	 * Description of one socket of a proxy.
	 *
	 * @param name the socket's name
	 * @param type the socket type
	 * @param endpoints the configured endpoints
	 * @param actualEndpoints the endpoints while the proxy runs, with wildcard ports resolved
	 */
	public record ProxySocketDescriptor(String name, String type, List<String> endpoints,
			List<String> actualEndpoints) {

	}

	/**
	 * Description of one socket.
	 *
	 * @param type the socket type
	 * @param endpoints the configured endpoints, {@code @} for a bind and {@code >} for a connect
	 * @param actualEndpoints the endpoints while open, with wildcard ports resolved
	 * @param state {@code RUNNING}, {@code REOPENING} or {@code CLOSED}
	 * @param failures how many times the socket failed and was opened again
	 */
	public record SocketDescriptor(String type, List<String> endpoints, List<String> actualEndpoints, String state,
			long failures) {

	}

	/**
	 * Description of one listener.
	 *
	 * @param id the listener id
	 * @param socket the name of the socket it receives on
	 * @param running whether it runs
	 * @param socketState the state of its socket, {@code CLOSED} when stopped
	 * @param concurrency how many threads handle its messages
	 * @param actualEndpoints the endpoints of its socket while running
	 */
	public record ListenerDescriptor(String id, String socket, boolean running, String socketState, int concurrency,
			List<String> actualEndpoints) implements OperationResponseBody {

	}

}

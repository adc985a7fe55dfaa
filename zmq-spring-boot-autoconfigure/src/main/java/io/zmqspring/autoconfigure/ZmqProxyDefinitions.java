package io.zmqspring.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.proxy.ZmqProxyDefinition;
import io.zmqspring.proxy.ZmqProxyKind;

/**
 * Turns {@code zmq.proxies} into validated {@link ZmqProxyDefinition}s, failing with the name of
 * the property at fault: a socket name that is not configured, a socket type that does not fit
 * the proxy's kind, a socket used twice.
 *
 * @author zmq-spring-boot
 */
final class ZmqProxyDefinitions {

	private ZmqProxyDefinitions() {
	}

	static List<ZmqProxyDefinition> proxies(ZmqProperties properties, ZmqSocketRegistry registry) {
		List<ZmqProxyDefinition> definitions = new ArrayList<>();
		Map<String, String> used = new HashMap<>();
		properties.getProxies().forEach((name, proxy) -> definitions.add(proxy(name, proxy, registry, properties, used)));
		return definitions;
	}

	private static ZmqProxyDefinition proxy(String name, ZmqProxyProperties proxy, ZmqSocketRegistry registry,
			ZmqProperties all, Map<String, String> used) {
		String prefix = "zmq.proxies." + name;
		ZmqSocketDefinition frontend = side(name, "frontend", proxy.getFrontend(), registry, all, used);
		ZmqSocketDefinition backend = side(name, "backend", proxy.getBackend(), registry, all, used);
		ZmqProxyKind kind = proxy.getKind();
		if (kind == null) {
			kind = ZmqProxyKind.forFrontend(frontend.type());
			if (kind == null) {
				throw new ZmqConfigurationException(prefix + ".frontend", describe(frontend),
						"a proxy's frontend is an XSUB (forwarder), ROUTER (queue) or PULL (streamer) socket");
			}
		}
		check(prefix + ".frontend", frontend, kind, kind.frontend(), "frontend");
		check(prefix + ".backend", backend, kind, kind.backend(), "backend");
		ZmqSocketDefinition capture = null;
		if (proxy.getCapture() != null) {
			capture = side(name, "capture", proxy.getCapture(), registry, all, used);
			if (!ZmqProxyKind.canCapture(capture.type())) {
				throw new ZmqConfigurationException(prefix + ".capture", describe(capture),
						"a capture socket must be a PUB, XPUB, PUSH, DEALER or PAIR socket");
			}
		}
		return new ZmqProxyDefinition(name, kind, frontend, backend, capture, proxy.isAutoStartup());
	}

	private static void check(String property, ZmqSocketDefinition socket, ZmqProxyKind kind,
			io.zmqspring.core.ZmqSocketType expected, String side) {
		if (socket.type() != expected) {
			throw new ZmqConfigurationException(property, describe(socket), "a " + kind + "'s " + side
					+ " must be of type " + expected + " (" + kind.frontend() + " frontend, " + kind.backend()
					+ " backend)");
		}
	}

	private static ZmqSocketDefinition side(String proxy, String side, ZmqProxyProperties.@Nullable Side properties,
			ZmqSocketRegistry registry, ZmqProperties all, Map<String, String> used) {
		String property = "zmq.proxies." + proxy + "." + side;
		if (properties == null) {
			throw new ZmqConfigurationException(property, null, "a proxy needs a " + side
					+ ": the name of a socket under zmq.sockets, or a socket of its own with type and endpoints");
		}
		ZmqSocketDefinition definition;
		String socket = properties.getSocket();
		if (socket != null) {
			if (properties.getType() != null || !properties.getEndpoints().isEmpty()) {
				throw new ZmqConfigurationException(property + ".socket", socket,
						"name a socket under zmq.sockets or declare one with type and endpoints, not both");
			}
			definition = registry.findDefinition(socket);
			if (definition == null) {
				throw new ZmqConfigurationException(property, socket, "there is no socket '" + socket
						+ "' under zmq.sockets (configured: " + registry.getDefinitions().keySet() + ")");
			}
		}
		else {
			String own = proxy + "-" + side;
			if (registry.findDefinition(own) != null) {
				throw new ZmqConfigurationException(property, own, "the proxy names its own " + side + " socket '"
						+ own + "', but a socket under zmq.sockets has that name; rename one of them");
			}
			definition = ZmqSocketDefinitions.socket(own, property, properties, registry.getDefaultOptions());
		}
		ZmqSocketProperties configured = (socket != null) ? all.getSockets().get(socket) : properties;
		if (configured != null && configured.getWaitForSubscribers() != null) {
			throw new ZmqConfigurationException(property, definition.name(), "a proxy's socket does not wait for "
					+ "subscribers; wait-for-subscribers is for the template's publishers");
		}
		String other = used.putIfAbsent(definition.name(), property);
		if (other != null) {
			throw new ZmqConfigurationException(property, definition.name(),
					"socket '" + definition.name() + "' is already used by " + other + "; a socket serves one proxy");
		}
		return definition;
	}

	private static String describe(ZmqSocketDefinition socket) {
		return socket.name() + " (" + socket.type() + ")";
	}

}

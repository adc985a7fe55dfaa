package io.zmqspring.proxy;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketDefinition;

/**
 * Everything needed to run one proxy: its kind and the definitions of its sockets.
 *
 * @param name the proxy's name, used in logs, metrics and the actuator
 * @param kind the kind of proxy
 * @param frontend the frontend socket, of the kind's frontend type
 * @param backend the backend socket, of the kind's backend type
 * @param capture the socket that gets a copy of every forwarded message, or {@code null}
 * @param autoStartup whether the proxy starts with the application
 * @author zmq-spring-boot
 */
public record ZmqProxyDefinition(String name, ZmqProxyKind kind, ZmqSocketDefinition frontend,
		ZmqSocketDefinition backend, @Nullable ZmqSocketDefinition capture, boolean autoStartup) {

	public ZmqProxyDefinition {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(kind, "'kind' must not be null");
		Assert.notNull(frontend, "'frontend' must not be null");
		Assert.notNull(backend, "'backend' must not be null");
		Assert.isTrue(frontend.type() == kind.frontend(), () -> "Proxy '" + name + "': a " + kind
				+ " needs a " + kind.frontend() + " frontend, not " + frontend.type());
		Assert.isTrue(backend.type() == kind.backend(), () -> "Proxy '" + name + "': a " + kind
				+ " needs a " + kind.backend() + " backend, not " + backend.type());
		Assert.isTrue(capture == null || ZmqProxyKind.canCapture(capture.type()),
				() -> "Proxy '" + name + "': a capture socket cannot be " + capture.type());
	}

	/**
	 * Return the names of the proxy's sockets.
	 * @return frontend, backend and capture (if any)
	 */
	public List<String> socketNames() {
		List<String> names = new ArrayList<>(3);
		names.add(this.frontend.name());
		names.add(this.backend.name());
		if (this.capture != null) {
			names.add(this.capture.name());
		}
		return names;
	}

}

package io.zmqspring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Header frame settings of a socket. Unset values fall back to zmq.defaults.headers.
 *
 * @author zmq-spring-boot
 */
public class ZmqHeadersProperties {

	/**
	 * Whether the socket sends the header frame before each payload and reads it from what
	 * it receives. Off by default, so that plain ZeroMQ peers see only their own frames;
	 * turn it on for sockets between applications that both use the header frame.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Header names the socket sends and accepts; others are dropped both ways. A name ending
	 * in '*' matches a prefix. Defaults to traceparent, tracestate, baggage, b3 and
	 * contentType.
	 */
	private @Nullable List<String> allowed;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable List<String> getAllowed() {
		return this.allowed;
	}

	public void setAllowed(@Nullable List<String> allowed) {
		this.allowed = allowed;
	}

}

package io.zmqspring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the template runs request-reply on a REQ or DEALER socket.
 *
 * @author zmq-spring-boot
 */
public class ZmqRequestProperties {

	/**
	 * How many times a request is sent again when a try got no reply within try-timeout (the
	 * Guide's Lazy Pirate); with several connect endpoints each try goes to the next
	 * connected server. Makes request-reply at-least-once: a server may see a request more
	 * than once. Needs try-timeout.
	 */
	private int retries;

	/**
	 * How long each try of a request waits for its reply before it is sent again. The
	 * request's own timeout (zmq.template.reply-timeout, or the one given) still bounds all
	 * tries together, so make it at least (retries + 1) times this.
	 */
	private @Nullable Duration tryTimeout;

	/**
	 * Whether a request fails at once, instead of waiting for its reply timeout, while the
	 * socket has no connection to a peer that answered (its ZMTP greeting arrived); requests in
	 * flight then fail when the last such connection closes (with heartbeats, also when a peer
	 * goes silent). Until a peer first answered (right after startup), requests wait as usual.
	 */
	private boolean failFastWhenDisconnected;

	public int getRetries() {
		return this.retries;
	}

	public void setRetries(int retries) {
		this.retries = retries;
	}

	public @Nullable Duration getTryTimeout() {
		return this.tryTimeout;
	}

	public void setTryTimeout(@Nullable Duration tryTimeout) {
		this.tryTimeout = tryTimeout;
	}

	public boolean isFailFastWhenDisconnected() {
		return this.failFastWhenDisconnected;
	}

	public void setFailFastWhenDisconnected(boolean failFastWhenDisconnected) {
		this.failFastWhenDisconnected = failFastWhenDisconnected;
	}

}

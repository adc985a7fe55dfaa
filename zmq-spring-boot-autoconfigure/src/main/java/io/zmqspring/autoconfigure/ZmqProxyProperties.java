package io.zmqspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import io.zmqspring.proxy.ZmqProxyKind;

/**
 * A proxy under {@code zmq.proxies.<name>}: a frontend and a backend socket, and optionally a
 * capture socket. Each one is either the name of a socket under {@code zmq.sockets}
 * ({@code frontend: market-in}) or a socket of its own ({@code frontend.type},
 * {@code frontend.endpoints} and any socket option).
 *
 * @author zmq-spring-boot
 */
public class ZmqProxyProperties {

	/**
	 * Kind of proxy: FORWARDER (XSUB frontend, XPUB backend), QUEUE (ROUTER frontend, DEALER
	 * backend) or STREAMER (PULL frontend, PUSH backend). Defaults to the kind of the frontend's
	 * type.
	 */
	private @Nullable ZmqProxyKind kind;

	/**
	 * Socket the clients, publishers or producers connect to: the name of a socket under
	 * zmq.sockets, or a socket of its own (type, endpoints and options).
	 */
	private @Nullable Side frontend;

	/**
	 * Socket the workers or subscribers connect to: the name of a socket under zmq.sockets, or a
	 * socket of its own.
	 */
	private @Nullable Side backend;

	/**
	 * Socket that gets a copy of every message the proxy forwards (PUB, XPUB, PUSH, DEALER or
	 * PAIR): the name of a socket under zmq.sockets, or a socket of its own.
	 */
	private @Nullable Side capture;

	/**
	 * Whether the proxy starts with the application.
	 */
	private boolean autoStartup = true;

	public @Nullable ZmqProxyKind getKind() {
		return this.kind;
	}

	public void setKind(@Nullable ZmqProxyKind kind) {
		this.kind = kind;
	}

	public @Nullable Side getFrontend() {
		return this.frontend;
	}

	public void setFrontend(@Nullable Side frontend) {
		this.frontend = frontend;
	}

	public @Nullable Side getBackend() {
		return this.backend;
	}

	public void setBackend(@Nullable Side backend) {
		this.backend = backend;
	}

	public @Nullable Side getCapture() {
		return this.capture;
	}

	public void setCapture(@Nullable Side capture) {
		this.capture = capture;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * One socket of a proxy: a configured socket by name, or one declared here. A plain value
	 * ({@code frontend: market-in}) names a socket.
	 */
	public static class Side extends ZmqSocketProperties {

		/**
		 * Name of a socket under zmq.sockets to use; leave type and endpoints out then.
		 */
		private @Nullable String socket;

		/**
		 * Name a socket under {@code zmq.sockets}; used when the property is a plain value.
		 * @param socket the socket's name
		 * @return the side
		 */
		public static Side valueOf(String socket) {
			Side side = new Side();
			side.setSocket(socket);
			return side;
		}

		public @Nullable String getSocket() {
			return this.socket;
		}

		public void setSocket(@Nullable String socket) {
			this.socket = socket;
		}

	}

}

package io.zmqspring.proxy;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSocketType;

/**
 * The classic kinds of ZeroMQ proxy, each with the socket types of its two sides.
 *
 * @author zmq-spring-boot
 */
public enum ZmqProxyKind {

	/**
	 * Publish-subscribe broker: publishers connect to an XSUB frontend, subscribers to an XPUB
	 * backend; messages go downstream and subscriptions upstream.
	 */
	FORWARDER(ZmqSocketType.XSUB, ZmqSocketType.XPUB),

	/**
	 * Shared queue: REQ or DEALER clients connect to a ROUTER frontend, REP or DEALER workers to a
	 * DEALER backend; requests go to the workers in turn and replies back to their clients.
	 */
	QUEUE(ZmqSocketType.ROUTER, ZmqSocketType.DEALER),

	/**
	 * Pipeline stage: PUSH producers connect to a PULL frontend, PULL workers to a PUSH backend;
	 * messages go one way only.
	 */
	STREAMER(ZmqSocketType.PULL, ZmqSocketType.PUSH);

	private final ZmqSocketType frontend;

	private final ZmqSocketType backend;

	ZmqProxyKind(ZmqSocketType frontend, ZmqSocketType backend) {
		this.frontend = frontend;
		this.backend = backend;
	}

	/**
	 * Return the type of the frontend socket.
	 * @return the type
	 */
	public ZmqSocketType frontend() {
		return this.frontend;
	}

	/**
	 * Return the type of the backend socket.
	 * @return the type
	 */
	public ZmqSocketType backend() {
		return this.backend;
	}

	/**
	 * Whether messages also flow from the backend to the frontend (replies, subscriptions).
	 * @return {@code false} for the streamer only
	 */
	public boolean isTwoWay() {
		return this != STREAMER;
	}

	/**
	 * Return the kind whose frontend has the given type.
	 * @param frontend the frontend's type
	 * @return the kind, or {@code null} if no kind has such a frontend
	 */
	public static @Nullable ZmqProxyKind forFrontend(ZmqSocketType frontend) {
		for (ZmqProxyKind kind : values()) {
			if (kind.frontend == frontend) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * Whether a socket of the given type can be a proxy's capture socket, which gets a copy of
	 * every message the proxy forwards, multipart messages whole.
	 * @param type the type
	 * @return {@code true} for PUB, XPUB, PUSH, DEALER and PAIR
	 */
	public static boolean canCapture(ZmqSocketType type) {
		return type == ZmqSocketType.PUB || type == ZmqSocketType.XPUB || type == ZmqSocketType.PUSH
				|| type == ZmqSocketType.DEALER || type == ZmqSocketType.PAIR;
	}

}

package io.zmqspring.core;

/**
 * What a socket owner tells of its socket's life: connections, failed handshakes and failures.
 * Called on the owner's thread, so an implementation must hand over and return at once, never run
 * application code there. The starter's implementation publishes them as Spring application
 * events ({@code io.zmqspring.event}).
 *
 * @author zmq-spring-boot
 */
public interface ZmqSocketEvents {

	/** Tells nobody. */
	ZmqSocketEvents NONE = new ZmqSocketEvents() {
	};

	/**
	 * A connection to the socket opened (connected or accepted).
	 * @param socket the socket's owner
	 * @param address the address JeroMQ reports
	 */
	default void connected(ZmqSocketOwner socket, String address) {
	}

	/**
	 * A connection of the socket closed.
	 * @param socket the socket's owner
	 * @param address the address JeroMQ reports
	 */
	default void disconnected(ZmqSocketOwner socket, String address) {
	}

	/**
	 * A connection failed its ZMTP handshake.
	 * @param socket the socket's owner
	 * @param address the address JeroMQ reports
	 * @param reason {@code protocol}, {@code auth} or {@code other}
	 */
	default void handshakeFailed(ZmqSocketOwner socket, String address, String reason) {
	}

	/**
	 * The socket failed and is being opened again.
	 * @param socket the socket's owner
	 * @param failure what went wrong
	 */
	default void failed(ZmqSocketOwner socket, Throwable failure) {
	}

}

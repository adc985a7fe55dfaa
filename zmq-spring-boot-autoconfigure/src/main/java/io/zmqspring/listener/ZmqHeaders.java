package io.zmqspring.listener;

/**
 * Names of the message headers a listener method can ask for with {@code @Header}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqHeaders {

	/** The topic of a SUB or XSUB message ({@code String}). */
	public static final String TOPIC = "zmq_topic";

	/** The routing id of the peer that sent a message to a ROUTER ({@code byte[]}). */
	public static final String ROUTING_ID = "zmq_routingId";

	/** The name of the socket the message arrived on ({@code String}). */
	public static final String SOCKET = "zmq_socket";

	/** The id of the listener handling the message ({@code String}). */
	public static final String LISTENER_ID = "zmq_listenerId";

	/** All frames of the message as received ({@code List<byte[]>}). */
	public static final String FRAMES = "zmq_frames";

	/**
	 * The id of a message from a durable outbox, {@code <sender id in hex>:<sequence>}
	 * ({@code String}); the same on every delivery of the message.
	 */
	public static final String OUTBOX_ID = "zmq_outboxId";

	/**
	 * {@code "true"} on a message from a durable outbox that a handler had when the process died:
	 * it may have done its work already ({@code String}); absent otherwise.
	 */
	public static final String POSSIBLE_DUPLICATE = "zmq_possibleDuplicate";

	private ZmqHeaders() {
	}

}

package io.zmqspring.observation;

import java.util.Map;

import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketType;

/**
 * The context of a listener observation: one message handed to a listener. Its carrier is the
 * message's headers from the header frame (empty when the socket has headers disabled or the
 * sender sent none), which a tracer reads through the context's getter to continue the sender's
 * trace.
 *
 * @author zmq-spring-boot
 */
public class ZmqReceiverContext extends ReceiverContext<Map<String, String>> {

	private final String listenerId;

	private final String socketName;

	private final ZmqSocketType socketType;

	private final @Nullable String topic;

	/**
	 * Create a context.
	 * @param listenerId the listener's id
	 * @param socketName the name of the socket the message arrived on
	 * @param socketType the socket's type
	 * @param topic the topic of a SUB or XSUB message, or {@code null}
	 * @param headers the message's headers
	 */
	public ZmqReceiverContext(String listenerId, String socketName, ZmqSocketType socketType, @Nullable String topic,
			Map<String, String> headers) {
		super((carrier, key) -> carrier.get(key));
		Assert.notNull(listenerId, "'listenerId' must not be null");
		Assert.notNull(socketName, "'socketName' must not be null");
		Assert.notNull(socketType, "'socketType' must not be null");
		Assert.notNull(headers, "'headers' must not be null");
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.socketType = socketType;
		this.topic = topic;
		setCarrier(headers);
		setRemoteServiceName("zeromq");
	}

	/**
	 * Return the id of the listener the message is handed to.
	 * @return the listener id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the name of the socket the message arrived on.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * Return the type of the socket.
	 * @return the socket type
	 */
	public ZmqSocketType getSocketType() {
		return this.socketType;
	}

	/**
	 * Return the topic of a SUB or XSUB message.
	 * @return the topic, or {@code null}
	 */
	public @Nullable String getTopic() {
		return this.topic;
	}

}

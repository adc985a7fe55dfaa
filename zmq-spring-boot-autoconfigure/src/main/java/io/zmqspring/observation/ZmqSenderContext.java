package io.zmqspring.observation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.transport.RequestReplySenderContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketType;

/**
 * The context of a template observation: a one-way send or a request-reply round trip on one
 * socket. Its carrier is a map of header names to values that a tracer fills through the
 * context's setter when the observation starts (for example {@code traceparent}); the template
 * sends those headers in the header frame when the socket has headers enabled, and drops them
 * otherwise, so plain libzmq peers see no difference.
 *
 * @author zmq-spring-boot
 */
public class ZmqSenderContext extends RequestReplySenderContext<Map<String, String>, List<byte[]>> {

	/** What the template does. */
	public enum Operation {

		/** A one-way send, complete once the message is queued for the socket. */
		SEND("send"),

		/** A request-reply round trip, complete when the reply arrived or the request failed. */
		REQUEST("request");

		private final String value;

		Operation(String value) {
			this.value = value;
		}

		/**
		 * Return the value of the {@code zmq.operation} key.
		 * @return the value
		 */
		public String value() {
			return this.value;
		}

	}

	private final String socketName;

	private final ZmqSocketType socketType;

	private final Operation operation;

	private final @Nullable String topic;

	/**
	 * Create a context with an empty carrier.
	 * @param socketName the socket's name
	 * @param socketType the socket's type
	 * @param operation what the template does
	 * @param topic the topic of a PUB or XPUB message, or {@code null}
	 */
	public ZmqSenderContext(String socketName, ZmqSocketType socketType, Operation operation,
			@Nullable String topic) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		Assert.notNull(socketName, "'socketName' must not be null");
		Assert.notNull(socketType, "'socketType' must not be null");
		Assert.notNull(operation, "'operation' must not be null");
		this.socketName = socketName;
		this.socketType = socketType;
		this.operation = operation;
		this.topic = topic;
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName("zeromq");
	}

	/**
	 * Return the name of the socket the message goes out on.
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
	 * Return what the template does.
	 * @return the operation
	 */
	public Operation getOperation() {
		return this.operation;
	}

	/**
	 * Return the topic of a PUB or XPUB message.
	 * @return the topic, or {@code null}
	 */
	public @Nullable String getTopic() {
		return this.topic;
	}

	/**
	 * Return the headers to send: what the tracer put into the carrier.
	 * @return the headers, never {@code null}
	 */
	public Map<String, String> getHeaders() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier : Map.of();
	}

}

package io.zmqspring.listener;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.MimeType;

/**
 * A message as a listener received it: all frames, how many of them form the routing envelope
 * to echo in a reply, the topic or routing id where the socket type has one, and the headers of
 * its header frame where the socket reads one. The payload is the last frame.
 *
 * @author zmq-spring-boot
 */
public final class ZmqInboundMessage {

	private final String listenerId;

	private final String socketName;

	private final List<byte[]> frames;

	private final int envelopeSize;

	private final @Nullable String topic;

	private final byte @Nullable [] routingId;

	private final Map<String, String> headers;

	ZmqInboundMessage(String listenerId, String socketName, List<byte[]> frames, int envelopeSize,
			@Nullable String topic, byte @Nullable [] routingId) {
		this(listenerId, socketName, frames, envelopeSize, topic, routingId, Map.of());
	}

	private ZmqInboundMessage(String listenerId, String socketName, List<byte[]> frames, int envelopeSize,
			@Nullable String topic, byte @Nullable [] routingId, Map<String, String> headers) {
		this.headers = headers;
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.frames = frames;
		this.envelopeSize = envelopeSize;
		this.topic = topic;
		this.routingId = routingId;
	}

	/**
	 * Return the id of the listener that received the message.
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
	 * Return all frames as received, envelope and topic included.
	 * @return the frames
	 */
	public List<byte[]> getFrames() {
		return this.frames;
	}

	/**
	 * Return the routing envelope a reply must carry (routing id, correlation frames and the
	 * empty delimiter), empty for socket types without one.
	 * @return the envelope frames
	 */
	public List<byte[]> getEnvelope() {
		return this.frames.subList(0, this.envelopeSize);
	}

	/**
	 * Return the payload: the last frame.
	 * @return the payload bytes
	 */
	public byte[] getPayload() {
		return this.frames.get(this.frames.size() - 1);
	}

	/**
	 * Return the topic of a SUB or XSUB message.
	 * @return the topic or {@code null}
	 */
	public @Nullable String getTopic() {
		return this.topic;
	}

	/**
	 * Return the routing id of the peer that sent a message to a ROUTER.
	 * @return the routing id or {@code null}
	 */
	public byte @Nullable [] getRoutingId() {
		return this.routingId;
	}

	/**
	 * Return the headers of the message's header frame that the socket's allow-list let through;
	 * empty when the socket has the header frame disabled or the message had none.
	 * @return the headers, in the order the sender wrote them
	 */
	public Map<String, String> getHeaders() {
		return this.headers;
	}

	/**
	 * Return a copy with the headers of a header frame.
	 * @param received the headers
	 * @return the copy
	 */
	ZmqInboundMessage withHeaders(Map<String, String> received) {
		return new ZmqInboundMessage(this.listenerId, this.socketName, this.frames, this.envelopeSize, this.topic,
				this.routingId, Collections.unmodifiableMap(received));
	}

	/**
	 * Return a copy without one frame (a durable outbox's delivery frame), with more headers.
	 * @param index the frame to leave out
	 * @param added the headers to add
	 * @return the copy
	 */
	ZmqInboundMessage withoutFrame(int index, Map<String, String> added) {
		List<byte[]> kept = new java.util.ArrayList<>(this.frames);
		kept.remove(index);
		Map<String, String> all = new java.util.LinkedHashMap<>(this.headers);
		all.putAll(added);
		return new ZmqInboundMessage(this.listenerId, this.socketName, kept,
				(index < this.envelopeSize) ? this.envelopeSize - 1 : this.envelopeSize, this.topic, this.routingId,
				Collections.unmodifiableMap(all));
	}

	/**
	 * Return this message as a Spring {@link Message} with the payload and the {@link ZmqHeaders}.
	 * @return the message
	 */
	public Message<byte[]> toMessage() {
		return toMessage(null);
	}

	/**
	 * Return this message as a Spring {@link Message} with the payload and the
	 * {@link ZmqHeaders}, and a {@link MessageHeaders#CONTENT_TYPE} header: the one the sender
	 * announced in the header frame, else the given one.
	 * @param contentType the content type the listener reads messages as, or {@code null}
	 * @return the message
	 */
	public Message<byte[]> toMessage(@Nullable MimeType contentType) {
		Map<String, Object> headers = new HashMap<>(8 + this.headers.size());
		headers.putAll(this.headers);
		if (contentType != null) {
			headers.putIfAbsent(MessageHeaders.CONTENT_TYPE, contentType);
		}
		headers.put(ZmqHeaders.SOCKET, this.socketName);
		headers.put(ZmqHeaders.LISTENER_ID, this.listenerId);
		headers.put(ZmqHeaders.FRAMES, this.frames);
		if (this.topic != null) {
			headers.put(ZmqHeaders.TOPIC, this.topic);
		}
		if (this.routingId != null) {
			headers.put(ZmqHeaders.ROUTING_ID, this.routingId);
		}
		return new GenericMessage<>(getPayload(), new ZmqMessageHeaders(headers));
	}

	/**
	 * Headers without the generated id and timestamp, which cost a random UUID per message and
	 * mean nothing for ZeroMQ.
	 */
	static final class ZmqMessageHeaders extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		ZmqMessageHeaders(Map<String, Object> headers) {
			super(headers, ID_VALUE_NONE, -1L);
		}

	}

}

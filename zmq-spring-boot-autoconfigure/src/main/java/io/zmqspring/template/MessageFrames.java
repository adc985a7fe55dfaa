package io.zmqspring.template;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import io.zmqspring.core.ZmqHeaderFrame;
import io.zmqspring.core.ZmqHeaderFrameException;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * Lays out the frames of an outgoing message, {@code [routing id?][topic?][header frame?][payload]},
 * and reads a reply's frames back into a Spring {@link Message}.
 *
 * @author zmq-spring-boot
 */
final class MessageFrames {

	private MessageFrames() {
	}

	/**
	 * Lay out the frames of a message.
	 * @param routingId the first frame of a ROUTER message, or {@code null}
	 * @param topic the topic frame of a PUB or XPUB message, or {@code null}
	 * @param settings the socket's header frame settings
	 * @param headers the message headers; the allowed ones go in the header frame when the socket
	 * has it enabled
	 * @param payload the payload frame
	 * @return the frames
	 */
	static byte[][] outbound(byte @Nullable [] routingId, @Nullable String topic, ZmqHeaderSettings settings,
			Map<String, ?> headers, byte[] payload) {
		Map<String, String> allowed = settings.outbound(headers);
		int count = 1 + ((routingId != null) ? 1 : 0) + ((topic != null) ? 1 : 0) + (allowed.isEmpty() ? 0 : 1);
		byte[][] frames = new byte[count][];
		int at = 0;
		if (routingId != null) {
			frames[at++] = routingId;
		}
		if (topic != null) {
			frames[at++] = topic.getBytes(StandardCharsets.UTF_8);
		}
		if (!allowed.isEmpty()) {
			frames[at++] = ZmqHeaderFrame.encode(allowed);
		}
		frames[at] = payload;
		return frames;
	}

	/**
	 * Return the routing id a message to a ROUTER socket names in its
	 * {@link ZmqHeaders#ROUTING_ID} header.
	 * @param socket the socket name, for the error
	 * @param message the message
	 * @return the routing id
	 * @throws ZmqSendException if the header is missing or neither {@code byte[]} nor a string
	 */
	static byte[] routingId(String socket, Message<?> message) {
		Object routingId = message.getHeaders().get(ZmqHeaders.ROUTING_ID);
		if (routingId instanceof byte[] bytes) {
			return bytes;
		}
		if (routingId instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new ZmqSendException(socket, "a message to a ROUTER socket needs the routing id of its peer in the '"
				+ ZmqHeaders.ROUTING_ID + "' header (byte[] or String)");
	}

	/**
	 * Read reply frames (after the correlation envelope) into a message: the last frame as the
	 * payload, the allowed headers of a header frame before it, the socket's name and all frames.
	 * A malformed header frame is counted and left out; the reply is still delivered.
	 * @param socket the socket name
	 * @param settings the socket's header frame settings
	 * @param frames the reply frames
	 * @param metrics the metrics
	 * @return the reply message
	 */
	static Message<byte[]> reply(String socket, ZmqHeaderSettings settings, List<byte[]> frames, ZmqMetrics metrics) {
		Map<String, Object> headers = new HashMap<>();
		int size = frames.size();
		if (settings.enabled() && size >= 2 && ZmqHeaderFrame.isHeaderFrame(frames.get(size - 2))) {
			try {
				headers.putAll(settings.inbound(frames.get(size - 2), (dropped) -> metrics.headersDropped(socket, dropped)));
			}
			catch (ZmqHeaderFrameException ex) {
				metrics.invalidMessage(socket, "bad-header-frame");
			}
		}
		headers.put(ZmqHeaders.SOCKET, socket);
		headers.put(ZmqHeaders.FRAMES, frames);
		return new GenericMessage<>(frames.get(size - 1), new MessageHeaders(headers));
	}

}

package io.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqHeaderFrame;
import io.zmqspring.core.ZmqHeaderFrameException;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqSingleFrames;
import io.zmqspring.core.ZmqSocketType;

/**
 * Splits received frames into envelope, topic and payload according to the listener's socket
 * type. REP listeners run on a ROUTER and apply REP's envelope rule here. When the socket has the
 * header frame enabled, a header frame right before the payload is decoded and filtered through
 * the socket's allow-list.
 *
 * @author zmq-spring-boot
 */
final class InboundParser {

	private final String listenerId;

	private final String socketName;

	private final ZmqSocketType type;

	private final byte[][] topics;

	private final ZmqHeaderSettings headers;

	private final IntConsumer onHeadersDropped;

	InboundParser(String listenerId, String socketName, ZmqSocketType type, List<String> topics) {
		this(listenerId, socketName, type, topics, ZmqHeaderSettings.DISABLED, (count) -> {
		});
	}

	InboundParser(String listenerId, String socketName, ZmqSocketType type, List<String> topics,
			ZmqHeaderSettings headers, IntConsumer onHeadersDropped) {
		this.headers = headers;
		this.onHeadersDropped = onHeadersDropped;
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.type = type;
		this.topics = topics.stream()
			.map((topic) -> topic.getBytes(StandardCharsets.UTF_8))
			.sorted(Comparator.comparingInt((byte[] topic) -> topic.length).reversed())
			.toArray(byte[][]::new);
	}

	/**
	 * Parse frames.
	 * @param frames the frames
	 * @return the message, or {@code null} if the frames do not form a valid message for the type
	 * (see {@link #invalidReason(List)})
	 */
	@Nullable ZmqInboundMessage parse(List<byte[]> frames) {
		Map<String, String> received = Map.of();
		int size = frames.size();
		if (hasHeaderFrame(frames)) {
			try {
				received = this.headers.inbound(frames.get(size - 2), this.onHeadersDropped);
			}
			catch (ZmqHeaderFrameException ex) {
				return null;
			}
			size--;
		}
		ZmqInboundMessage message = parse(frames, size);
		return (message != null && !received.isEmpty()) ? message.withHeaders(received) : message;
	}

	/**
	 * Parse frames, of which {@code size} count for the envelope rules: all of them, or all but
	 * the header frame.
	 */
	private @Nullable ZmqInboundMessage parse(List<byte[]> frames, int size) {
		switch (this.type) {
			case REP -> {
				int delimiter = delimiter(frames, 1);
				if (delimiter < 0 || delimiter == frames.size() - 1) {
					return null;
				}
				return message(frames, delimiter + 1, null, frames.get(0));
			}
			case ROUTER -> {
				if (frames.size() < 2) {
					return null;
				}
				int delimiter = delimiter(frames, 1);
				return message(frames, (delimiter < 0) ? 1 : delimiter + 1, null, frames.get(0));
			}
			case DEALER -> {
				int delimiter = delimiter(frames, 0);
				return message(frames, (delimiter < 0) ? 0 : delimiter + 1, null, null);
			}
			case SERVER -> {
				// [routing id, frame]; a request from the template carries its correlation header
				byte[] frame = frames.get(frames.size() - 1);
				if (!ZmqSingleFrames.isRequest(frame)) {
					return message(frames, 1, null, frames.get(0));
				}
				List<byte[]> split = ZmqSingleFrames.split(frame);
				return message(List.of(frames.get(0), split.get(0), split.get(1)), 2, null, frames.get(0));
			}
			case SUB, XSUB -> {
				if (size >= 2) {
					return message(frames, 0, new String(frames.get(0), StandardCharsets.UTF_8), null);
				}
				return message(frames, 0, matchingTopic(frames.get(frames.size() - 1)), null);
			}
			default -> {
				return message(frames, 0, null, null);
			}
		}
	}

	/**
	 * Return why frames were rejected by {@link #parse(List)}.
	 * @param frames the rejected frames
	 * @return a short fixed reason, usable as a metric tag
	 */
	String invalidReason(List<byte[]> frames) {
		if (hasHeaderFrame(frames)) {
			try {
				ZmqHeaderFrame.decode(frames.get(frames.size() - 2));
			}
			catch (ZmqHeaderFrameException ex) {
				return "bad-header-frame";
			}
		}
		if (this.type == ZmqSocketType.REP && delimiter(frames, 1) < 0) {
			return "no-envelope-delimiter";
		}
		return "no-body";
	}

	private ZmqInboundMessage message(List<byte[]> frames, int envelopeSize, @Nullable String topic,
			byte @Nullable [] routingId) {
		return new ZmqInboundMessage(this.listenerId, this.socketName, frames, envelopeSize, topic, routingId);
	}

	private boolean hasHeaderFrame(List<byte[]> frames) {
		return this.headers.enabled() && !this.type.isSingleFrame() && frames.size() >= 2
				&& ZmqHeaderFrame.isHeaderFrame(frames.get(frames.size() - 2));
	}

	/** The first empty frame at or after {@code from} and before the last frame, or -1. */
	private static int delimiter(List<byte[]> frames, int from) {
		for (int i = from; i < frames.size() - 1; i++) {
			if (frames.get(i).length == 0) {
				return i;
			}
		}
		return -1;
	}

	private @Nullable String matchingTopic(byte[] frame) {
		for (byte[] topic : this.topics) {
			if (topic.length <= frame.length
					&& Arrays.equals(topic, 0, topic.length, frame, 0, topic.length)) {
				return new String(topic, StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}

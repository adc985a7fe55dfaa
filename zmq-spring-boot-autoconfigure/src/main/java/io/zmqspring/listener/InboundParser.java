package io.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSingleFrames;
import io.zmqspring.core.ZmqSocketType;

/**
 * Splits received frames into envelope, topic and payload according to the listener's socket
 * type. REP listeners run on a ROUTER and apply REP's envelope rule here.
 *
 * @author zmq-spring-boot
 */
final class InboundParser {

	private final String listenerId;

	private final String socketName;

	private final ZmqSocketType type;

	private final byte[][] topics;

	InboundParser(String listenerId, String socketName, ZmqSocketType type, List<String> topics) {
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
				if (frames.size() >= 2) {
					return message(frames, 0, new String(frames.get(0), StandardCharsets.UTF_8), null);
				}
				return message(frames, 0, matchingTopic(frames.get(0)), null);
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
		if (this.type == ZmqSocketType.REP && delimiter(frames, 1) < 0) {
			return "no-envelope-delimiter";
		}
		return "no-body";
	}

	private ZmqInboundMessage message(List<byte[]> frames, int envelopeSize, @Nullable String topic,
			byte @Nullable [] routingId) {
		return new ZmqInboundMessage(this.listenerId, this.socketName, frames, envelopeSize, topic, routingId);
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

package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The error reply a replying listener sends when its handler fails, so that the requester is
 * never left waiting and a REQ peer never wedges.
 * <p>
 * On the wire it is two frames after the envelope: the marker {@code ZMQ-SPRING-ERROR} and a
 * short UTF-8 reason (the exception type, never a stack trace or payload). Peers in any language
 * can recognise it; {@code ZmqTemplate} turns it into a {@link ZmqRemoteException}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqErrorReply {

	/** The first frame of an error reply. */
	public static final String MARKER = "ZMQ-SPRING-ERROR";

	private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

	private ZmqErrorReply() {
	}

	/**
	 * Return the marker frame.
	 * @return a fresh copy of the marker bytes
	 */
	public static byte[] marker() {
		return MARKER_BYTES.clone();
	}

	/**
	 * Return the reason frame for a failure.
	 * @param reason the reason, without payload or stack trace
	 * @return the UTF-8 bytes
	 */
	public static byte[] reason(String reason) {
		return reason.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the reason carried by reply frames, if they form an error reply.
	 * @param body the reply frames after the envelope
	 * @return the reason, or {@code null} if the frames are a normal reply
	 */
	public static @Nullable String reasonOf(List<byte[]> body) {
		if (body.size() != 2 || !Arrays.equals(body.get(0), MARKER_BYTES)) {
			return null;
		}
		return new String(body.get(1), StandardCharsets.UTF_8);
	}

}

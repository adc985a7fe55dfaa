package io.zmqspring.core;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.Msg;
import zmq.ZError;

/**
 * Messages of the single-frame CLIENT and SERVER sockets, on a socket the calling thread owns.
 * <p>
 * A SERVER's message carries the routing id of its CLIENT outside the frame; it is shown here as
 * a first frame of four bytes (big-endian), so that listeners reply to it as ROUTER listeners
 * reply to their envelope. A request the template sends on a CLIENT socket carries its
 * correlation inside the one frame: a header of {@value #HEADER_LENGTH} bytes (the four bytes
 * {@code 00 5A 52 51}, "\0ZRQ", then the eight-byte correlation id) before the body. A SERVER
 * listener answers a request with the same header before the reply; a frame without the header
 * is a one-way message, answered (if the listener returns something) without a header.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSingleFrames {

	/** Length of the request header: four marker bytes and the eight-byte correlation id. */
	public static final int HEADER_LENGTH = 12;

	private static final byte[] MARKER = { 0, 'Z', 'R', 'Q' };

	private ZmqSingleFrames() {
	}

	/**
	 * Put the request header before a body.
	 * @param correlation the eight-byte correlation id
	 * @param body the body
	 * @return the one frame to send
	 */
	public static byte[] request(byte[] correlation, byte[] body) {
		byte[] frame = new byte[HEADER_LENGTH + body.length];
		System.arraycopy(MARKER, 0, frame, 0, MARKER.length);
		System.arraycopy(correlation, 0, frame, MARKER.length, Long.BYTES);
		System.arraycopy(body, 0, frame, HEADER_LENGTH, body.length);
		return frame;
	}

	/**
	 * Whether a frame starts with the request header.
	 * @param frame the frame
	 * @return {@code true} for a request (or its reply)
	 */
	public static boolean isRequest(byte[] frame) {
		return frame.length >= HEADER_LENGTH && Arrays.equals(frame, 0, MARKER.length, MARKER, 0, MARKER.length);
	}

	/**
	 * Split a request or reply into its header and body.
	 * @param frame a frame that {@link #isRequest(byte[]) is a request}
	 * @return the header and the body
	 */
	public static List<byte[]> split(byte[] frame) {
		return List.of(Arrays.copyOf(frame, HEADER_LENGTH), Arrays.copyOfRange(frame, HEADER_LENGTH, frame.length));
	}

	/**
	 * Return the correlation id in a request header.
	 * @param header the header
	 * @return the eight bytes of the correlation id
	 */
	public static byte[] correlation(byte[] header) {
		return Arrays.copyOfRange(header, MARKER.length, HEADER_LENGTH);
	}

	/**
	 * Receive one message of a SERVER socket without waiting.
	 * @param socket the socket
	 * @return the routing id (four bytes) and the frame, or {@code null} if none is ready
	 */
	public static @Nullable List<byte[]> receiveRouted(ZMQ.Socket socket) {
		Msg msg = socket.recvMsg(ZMQ.DONTWAIT);
		if (msg == null) {
			return null;
		}
		int routingId = msg.getRoutingId();
		byte[] id = { (byte) (routingId >>> 24), (byte) (routingId >>> 16), (byte) (routingId >>> 8), (byte) routingId };
		return List.of(id, msg.data());
	}

	/**
	 * Send a message on a SERVER socket without waiting: the first frame is the routing id, the
	 * others are joined into the one frame sent.
	 * @param socket the socket
	 * @param frames the routing id and the frames to join
	 * @return {@code false} if the client cannot take the message now or is gone
	 */
	public static boolean sendRouted(ZMQ.Socket socket, List<byte[]> frames) {
		try {
			return trySendRouted(socket, frames);
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() == ZError.EHOSTUNREACH) {
				// the client is gone
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Send a message on a SERVER socket without waiting, as {@link #sendRouted(ZMQ.Socket, List)}.
	 * @param socket the socket
	 * @param frames the routing id and the frames to join
	 * @return {@code false} if the client cannot take the message now
	 * @throws ZMQException with {@code EHOSTUNREACH} if the client is gone, {@code EINVAL} if the
	 * first frame is no routing id
	 */
	public static boolean trySendRouted(ZMQ.Socket socket, List<byte[]> frames) {
		byte[] id = frames.get(0);
		if (id.length != Integer.BYTES || frames.size() < 2) {
			throw new ZMQException("a SERVER message is a routing id of four bytes and a frame", ZError.EINVAL);
		}
		int length = 0;
		for (int i = 1; i < frames.size(); i++) {
			length += frames.get(i).length;
		}
		byte[] data = new byte[length];
		int offset = 0;
		for (int i = 1; i < frames.size(); i++) {
			byte[] frame = frames.get(i);
			System.arraycopy(frame, 0, data, offset, frame.length);
			offset += frame.length;
		}
		Msg msg = new Msg(data);
		msg.setRoutingId(((id[0] & 0xFF) << 24) | ((id[1] & 0xFF) << 16) | ((id[2] & 0xFF) << 8) | (id[3] & 0xFF));
		return socket.sendMsg(msg, ZMQ.DONTWAIT);
	}

}

package io.zmqspring.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * Helpers for multipart messages on a socket the calling thread owns.
 *
 * @author zmq-spring-boot
 */
public final class ZmqFrames {

	/** An empty frame, the envelope delimiter. */
	public static final byte[] EMPTY = new byte[0];

	private ZmqFrames() {
	}

	/**
	 * Receive one whole message without waiting.
	 * @param socket the socket
	 * @return the frames, or {@code null} if no message is ready
	 */
	public static @Nullable List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(ZMQ.DONTWAIT);
		if (first == null) {
			return null;
		}
		if (!socket.hasReceiveMore()) {
			return List.of(first);
		}
		List<byte[]> frames = new ArrayList<>(4);
		frames.add(first);
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv(0));
		}
		return frames;
	}

	/**
	 * Send a whole multipart message without waiting. ZeroMQ accepts a message atomically: if the
	 * first frame is accepted, the rest are too.
	 * @param socket the socket
	 * @param frames the frames
	 * @return {@code false} if the socket cannot take the message now
	 */
	public static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
		int last = frames.size() - 1;
		for (int i = 0; i < last; i++) {
			if (!socket.send(frames.get(i), ZMQ.DONTWAIT | ZMQ.SNDMORE)) {
				return false;
			}
		}
		return socket.send(frames.get(last), ZMQ.DONTWAIT);
	}

}

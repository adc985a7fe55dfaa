package io.zmqspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds free TCP ports on the loopback interface for tests.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Return a port that was free a moment ago on 127.0.0.1.
	 * @return the port
	 */
	public static int next() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a tcp endpoint on a free loopback port.
	 * @return for example {@code tcp://127.0.0.1:41234}
	 */
	public static String tcp() {
		return "tcp://127.0.0.1:" + next();
	}

}

package io.zmqspring.test.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free TCP ports on the loopback interface, for endpoints in tests. A port is free when it is
 * handed out; nothing holds it afterwards, so bind it soon. Within one JVM no port is handed out
 * twice, so two endpoints of a test never collide.
 *
 * @author zmq-spring-boot
 */
public final class ZmqFreePorts {

	private static final int ATTEMPTS = 100;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private ZmqFreePorts() {
	}

	/**
	 * Return a port that is free on 127.0.0.1 and was not returned before in this JVM.
	 * @return the port
	 */
	public static int port() {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = probe();
			if (handedOut.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port that was not handed out already");
	}

	/**
	 * Return a tcp endpoint on a free loopback port, to bind with {@code @} and connect to
	 * with {@code >}.
	 * @return for example {@code tcp://127.0.0.1:41234}
	 */
	public static String tcp() {
		return endpoint(port());
	}

	static String endpoint(int port) {
		return "tcp://127.0.0.1:" + port;
	}

	private static int probe() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free loopback port", ex);
		}
	}

}

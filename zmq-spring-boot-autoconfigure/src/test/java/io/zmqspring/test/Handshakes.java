package io.zmqspring.test;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketStats;

import static org.awaitility.Awaitility.await;

/**
 * Waits until a starter socket's connections completed the start of their ZMTP handshake (the
 * peer's greeting arrived, {@link ZmqSocketStats#getGreetedConnections()}), for tests that must
 * not send before. JeroMQ 0.6.0 now and then stalls a fresh TCP connect before its handshake
 * until the handshake timer drops it (zeromq/jeromq#1022), and a bound socket hands messages to
 * such a connection, where they are lost; a request sent into it waits out the handshake
 * interval. Inproc connections have no handshake. Not for a socket a customizer put a monitor on:
 * JeroMQ takes one monitor per socket, and the starter's, which counts the connections, stays off.
 */
public final class Handshakes {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private Handshakes() {
	}

	/**
	 * Wait until a socket has at least {@code count} greeted connections.
	 * @param context the application context
	 * @param socket the socket's name (an inline listener socket is named after the listener)
	 * @param count how many connections
	 */
	public static void awaitGreeted(ApplicationContext context, String socket, int count) {
		ZmqSocketFactory factory = context.getBean(ZmqSocketFactory.class);
		await().atMost(WAIT)
			.alias("socket '" + socket + "' with " + count + " greeted connections")
			.until(() -> greeted(factory, socket) >= count);
	}

	/**
	 * Wait until a socket has at least {@code count} greeted connections, if its transport has
	 * handshakes at all.
	 * @param context the application context
	 * @param transport the transport the socket's endpoints are on
	 * @param socket the socket's name
	 * @param count how many connections
	 */
	public static void awaitGreeted(ApplicationContext context, Transport transport, String socket, int count) {
		if (transport != Transport.INPROC) {
			awaitGreeted(context, socket, count);
		}
	}

	private static int greeted(ZmqSocketFactory factory, String socket) {
		ZmqSocketStats stats = factory.getOwners().getStats().get(socket);
		return (stats != null) ? stats.getGreetedConnections() : 0;
	}

}

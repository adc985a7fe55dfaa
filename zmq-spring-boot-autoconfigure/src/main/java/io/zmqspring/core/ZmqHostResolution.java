package io.zmqspring.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Whether the host of a tcp connect endpoint resolves. JeroMQ resolves a host name when the
 * socket connects and fails the connect if it cannot, where libzmq keeps retrying; the starter
 * checks first and retries such endpoints itself.
 *
 * @author zmq-spring-boot
 */
final class ZmqHostResolution {

	private ZmqHostResolution() {
	}

	/**
	 * Whether the endpoint's host resolves now; always {@code true} for other transports.
	 * @param endpoint the endpoint
	 * @return {@code false} only for a tcp endpoint whose host name is unknown
	 */
	static boolean resolves(ZmqEndpoint endpoint) {
		String address = endpoint.address();
		if (!address.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
			return true;
		}
		String rest = address.substring("tcp://".length());
		int source = rest.indexOf(';');
		if (source >= 0) {
			rest = rest.substring(source + 1);
		}
		int colon = rest.lastIndexOf(':');
		String host = (colon > 0) ? rest.substring(0, colon) : rest;
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (host.isEmpty() || host.equals("*")) {
			return true;
		}
		try {
			InetAddress.getByName(host);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}

package io.zmqspring.core;

import java.util.Locale;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * An endpoint of a socket: a ZeroMQ address and whether the socket binds or connects to it.
 * <p>
 * Written as czmq does: {@code @tcp://*:5555} binds, {@code >tcp://host:5555} connects, and an
 * address without a prefix takes the socket type's usual side.
 *
 * @param address the ZeroMQ address, for example {@code tcp://127.0.0.1:5555}
 * @param bind whether the socket binds to the address (otherwise it connects)
 * @author zmq-spring-boot
 */
public record ZmqEndpoint(String address, boolean bind) {

	private static final Set<String> TRANSPORTS = Set.of("tcp", "inproc", "ipc");

	public ZmqEndpoint {
		Assert.hasText(address, "'address' must not be empty");
	}

	/**
	 * Parse an endpoint written with an optional '@' (bind) or '>' (connect) prefix.
	 * @param spec the endpoint as written in configuration
	 * @param defaultBind whether an endpoint without prefix binds
	 * @return the endpoint
	 * @throws IllegalArgumentException if the endpoint is malformed, with the reason
	 */
	public static ZmqEndpoint parse(String spec, boolean defaultBind) {
		Assert.notNull(spec, "'spec' must not be null");
		String trimmed = spec.trim();
		boolean bind = defaultBind;
		if (trimmed.startsWith("@")) {
			bind = true;
			trimmed = trimmed.substring(1);
		}
		else if (trimmed.startsWith(">")) {
			bind = false;
			trimmed = trimmed.substring(1);
		}
		validateAddress(spec, trimmed, bind);
		return new ZmqEndpoint(trimmed, bind);
	}

	private static void validateAddress(String spec, String address, boolean bind) {
		int separator = address.indexOf("://");
		if (separator <= 0) {
			throw new IllegalArgumentException("Endpoint '" + spec
					+ "' is not of the form transport://address (for example tcp://127.0.0.1:5555)");
		}
		String transport = address.substring(0, separator).toLowerCase(Locale.ROOT);
		if (!TRANSPORTS.contains(transport)) {
			throw new IllegalArgumentException(
					"Endpoint '" + spec + "' uses transport '" + transport + "'; supported are tcp, inproc and ipc");
		}
		String rest = address.substring(separator + 3);
		if (rest.isEmpty()) {
			throw new IllegalArgumentException("Endpoint '" + spec + "' has no address after '" + transport + "://'");
		}
		if (transport.equals("tcp")) {
			validateTcp(spec, rest, bind);
		}
	}

	private static void validateTcp(String spec, String rest, boolean bind) {
		int colon = rest.lastIndexOf(':');
		if (colon <= 0 || colon == rest.length() - 1) {
			throw new IllegalArgumentException("Endpoint '" + spec + "' needs a host and a port (tcp://host:port)");
		}
		String port = rest.substring(colon + 1);
		if (port.equals("*") || port.equals("0")) {
			if (!bind) {
				throw new IllegalArgumentException("Endpoint '" + spec + "' uses a wildcard port, which only a bind can take");
			}
			return;
		}
		try {
			int value = Integer.parseInt(port);
			if (value < 1 || value > 65535) {
				throw new IllegalArgumentException("Endpoint '" + spec + "' has port " + value + ", outside 1-65535");
			}
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Endpoint '" + spec + "' has port '" + port + "', which is not a number");
		}
	}

	/**
	 * Return the endpoint as written with an explicit prefix.
	 * @return {@code @address} for a bind, {@code >address} for a connect
	 */
	@Override
	public String toString() {
		return (this.bind ? "@" : ">") + this.address;
	}

}

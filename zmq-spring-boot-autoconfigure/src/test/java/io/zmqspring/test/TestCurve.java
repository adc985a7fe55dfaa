package io.zmqspring.test;

import java.util.ArrayList;
import java.util.List;

import org.zeromq.ZMQ;

/**
 * CURVE keys and socket properties for tests.
 */
public final class TestCurve {

	private TestCurve() {
	}

	/**
	 * Return a new key pair that is safe to pass as a property value: Z85 keys can contain
	 * {@code ${}, which Spring would read as a placeholder.
	 * @return the key pair
	 */
	public static ZMQ.Curve.KeyPair keyPair() {
		while (true) {
			ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
			if (!pair.publicKey.contains("${") && !pair.secretKey.contains("${")) {
				return pair;
			}
		}
	}

	/**
	 * Return the properties that make a socket a CURVE server allowing some clients.
	 * @param socket the socket name
	 * @param server the server's key pair
	 * @param allowedKeys the public keys of the allowed clients
	 * @return the properties
	 */
	public static String[] server(String socket, ZMQ.Curve.KeyPair server, String... allowedKeys) {
		List<String> properties = new ArrayList<>(List.of(prefix(socket) + "mechanism=CURVE",
				prefix(socket) + "curve.public-key=" + server.publicKey,
				prefix(socket) + "curve.secret-key=" + server.secretKey));
		if (allowedKeys.length > 0) {
			properties.add(prefix(socket) + "curve.allowed-keys=" + String.join(",", allowedKeys));
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * Return the properties that make a socket a CURVE client of a server.
	 * @param socket the socket name
	 * @param client the client's key pair
	 * @param serverKey the server's public key
	 * @return the properties
	 */
	public static String[] client(String socket, ZMQ.Curve.KeyPair client, String serverKey) {
		return new String[] { prefix(socket) + "mechanism=CURVE", prefix(socket) + "curve.public-key=" + client.publicKey,
				prefix(socket) + "curve.secret-key=" + client.secretKey,
				prefix(socket) + "curve.server-key=" + serverKey };
	}

	private static String prefix(String socket) {
		return "zmq.sockets." + socket + ".security.";
	}

}

package io.zmqspring.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.neilalexander.jnacl.crypto.curve25519;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZConfig;
import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqConfigurationException;

/**
 * CURVE key helpers: Z85 checks, deriving a public key from a secret key, and reading the
 * certificate files that JeroMQ's {@code ZCert} and czmq write. Nothing here puts a secret key
 * into an exception or a log line.
 *
 * @author zmq-spring-boot
 */
public final class ZmqCurveKeys {

	/** The value shown instead of a secret. */
	public static final String MASK = "******";

	/** Length of a CURVE key in Z85. */
	public static final int Z85_LENGTH = 40;

	private static final String Z85_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

	private ZmqCurveKeys() {
	}

	/**
	 * Check that a value is a 40-character Z85 CURVE key.
	 * @param property the property the value comes from
	 * @param key the value
	 * @param secret whether the value is secret (never shown then)
	 * @return the key, trimmed
	 * @throws ZmqConfigurationException naming the property
	 */
	public static String checkZ85(String property, String key, boolean secret) {
		String trimmed = key.trim();
		Object shown = secret ? MASK : trimmed;
		if (trimmed.length() != Z85_LENGTH) {
			throw new ZmqConfigurationException(property, shown,
					"a CURVE key is " + Z85_LENGTH + " Z85 characters long, but this one has " + trimmed.length());
		}
		for (int i = 0; i < trimmed.length(); i++) {
			if (Z85_ALPHABET.indexOf(trimmed.charAt(i)) < 0) {
				throw new ZmqConfigurationException(property, shown,
						"not a Z85 CURVE key: character " + (i + 1) + " is not in the Z85 alphabet");
			}
		}
		byte[] decoded = ZMQ.Curve.z85Decode(trimmed);
		if (decoded == null || decoded.length != 32 || !ZMQ.Curve.z85Encode(decoded).equals(trimmed)) {
			throw new ZmqConfigurationException(property, shown, "not a valid Z85 CURVE key");
		}
		return trimmed;
	}

	/**
	 * Return the public key that belongs to a secret key.
	 * @param secretKey the secret key in Z85
	 * @return the public key in Z85
	 */
	public static String publicKeyOf(String secretKey) {
		byte[] secret = ZMQ.Curve.z85Decode(secretKey);
		byte[] pub = new byte[32];
		curve25519.crypto_scalarmult_base(pub, secret);
		Arrays.fill(secret, (byte) 0);
		return ZMQ.Curve.z85Encode(pub);
	}

	/**
	 * Read a certificate in the format of JeroMQ's {@code ZCert} and czmq.
	 * @param property the property naming the file
	 * @param path the public certificate; the secret one is {@code <path>_secret}
	 * @param withSecret whether the secret key is needed too
	 * @return the keys, the secret one {@code null} unless asked for
	 * @throws ZmqConfigurationException naming the property, if a file is missing or malformed
	 */
	public static Keys readCertificate(String property, Path path, boolean withSecret) {
		if (withSecret) {
			Path secretFile = Path.of(path + "_secret");
			String secret = readKey(property, path.toString(), secretFile, "secret-key");
			String secretKey = checkZ85(property + " (" + secretFile + ": curve/secret-key)", secret, true);
			String pub = readKey(property, path.toString(), secretFile, "public-key");
			String publicKey = checkZ85(property + " (" + secretFile + ": curve/public-key)", pub, false);
			return new Keys(publicKey, secretKey);
		}
		String pub = readKey(property, path.toString(), path, "public-key");
		return new Keys(checkZ85(property + " (" + path + ": curve/public-key)", pub, false), null);
	}

	/**
	 * Read the public key of a certificate file, or {@code null} if it is no readable certificate.
	 * @param file the file
	 * @return the public key in Z85, or {@code null}
	 */
	static @Nullable String readPublicKeyOrNull(Path file) {
		try {
			String key = ZConfig.load(file.toString()).getValue("curve/public-key");
			if (key == null) {
				return null;
			}
			key = unquote(key.trim());
			return (key.length() == Z85_LENGTH) ? checkZ85("certificate", key, false) : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static String readKey(String property, String shownPath, Path file, String name) {
		if (!Files.isRegularFile(file)) {
			throw new ZmqConfigurationException(property, shownPath, "the certificate file " + file
					+ " does not exist or is not a file" + (name.equals("secret-key")
							? " (a socket's own certificate needs its secret file, <path>_secret, too)" : ""));
		}
		String value;
		try {
			value = ZConfig.load(file.toString()).getValue("curve/" + name);
		}
		catch (IOException | RuntimeException ex) {
			throw new ZmqConfigurationException(property, shownPath,
					"the certificate file " + file + " cannot be read: " + ex.getClass().getSimpleName());
		}
		if (value == null || value.isBlank()) {
			throw new ZmqConfigurationException(property, shownPath,
					"the certificate file " + file + " has no curve/" + name + " entry");
		}
		return unquote(value.trim());
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
				|| value.startsWith("'") && value.endsWith("'"))) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	/**
	 * A CURVE key pair in Z85.
	 *
	 * @param publicKey the public key
	 * @param secretKey the secret key, if known
	 */
	public record Keys(String publicKey, @Nullable String secretKey) {

		@Override
		public String toString() {
			return "Keys[publicKey=" + this.publicKey + ", secretKey=" + ((this.secretKey != null) ? MASK : null)
					+ "]";
		}

	}

}

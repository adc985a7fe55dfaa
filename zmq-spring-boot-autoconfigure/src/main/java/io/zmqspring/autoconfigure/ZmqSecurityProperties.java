package io.zmqspring.autoconfigure;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.security.ZmqCurveKeys;
import io.zmqspring.security.ZmqSecurity;
import io.zmqspring.security.ZmqSecurityMechanism;

/**
 * Turns {@code security} properties into a checked {@link ZmqSecurity}: every value set here
 * overrides the one inherited, keys are checked as Z85, certificates are read, and a secret key
 * that does not belong to the public key fails naming the property. Secrets never appear in an
 * exception.
 *
 * @author zmq-spring-boot
 */
final class ZmqSecurityProperties {

	private ZmqSecurityProperties() {
	}

	static ZmqSecurity resolve(String prefix, ZmqSocketSecurityProperties own, ZmqSecurity inherited) {
		ZmqCurveProperties curve = own.getCurve();
		ZmqPlainProperties plain = own.getPlain();
		ZmqSecurityMechanism mechanism = (own.getMechanism() != null) ? own.getMechanism() : inherited.mechanism();
		String publicKey = inherited.curvePublicKey();
		String secretKey = inherited.curveSecretKey();
		String publicKeyProperty = prefix + ".curve.public-key";
		String secretKeyProperty = prefix + ".curve.secret-key";
		if (curve.getCertificate() != null) {
			ZmqCurveKeys.Keys keys = ZmqCurveKeys.readCertificate(prefix + ".curve.certificate",
					Path.of(curve.getCertificate()), true);
			publicKey = keys.publicKey();
			secretKey = keys.secretKey();
			publicKeyProperty = prefix + ".curve.certificate";
			secretKeyProperty = prefix + ".curve.certificate";
		}
		if (curve.getPublicKey() != null) {
			publicKey = ZmqCurveKeys.checkZ85(prefix + ".curve.public-key", curve.getPublicKey(), false);
			publicKeyProperty = prefix + ".curve.public-key";
		}
		if (curve.getSecretKey() != null) {
			secretKey = ZmqCurveKeys.checkZ85(prefix + ".curve.secret-key", curve.getSecretKey(), true);
			secretKeyProperty = prefix + ".curve.secret-key";
		}
		if (secretKey != null) {
			String derived = ZmqCurveKeys.publicKeyOf(secretKey);
			if (secretKey.equals(publicKey)) {
				throw new ZmqConfigurationException(secretKeyProperty, ZmqCurveKeys.MASK,
						"the secret key is the same as the public key: a public key was given where the secret key "
								+ "is expected");
			}
			if (publicKey != null && !derived.equals(publicKey)) {
				throw new ZmqConfigurationException(secretKeyProperty, ZmqCurveKeys.MASK,
						"the secret key does not belong to the public key " + publicKey + " (" + publicKeyProperty
								+ "); was a public key given where the secret key is expected?");
			}
			publicKey = derived;
		}
		else if (publicKey != null && (curve.getPublicKey() != null)) {
			throw new ZmqConfigurationException(prefix + ".curve.secret-key", null,
					"a CURVE public key needs its secret key");
		}
		String serverKey = inherited.curveServerKey();
		if (curve.getServerCertificate() != null) {
			serverKey = ZmqCurveKeys.readCertificate(prefix + ".curve.server-certificate",
					Path.of(curve.getServerCertificate()), false).publicKey();
		}
		if (curve.getServerKey() != null) {
			serverKey = ZmqCurveKeys.checkZ85(prefix + ".curve.server-key", curve.getServerKey(), false);
		}
		Set<String> allowedKeys = inherited.curveAllowedKeys();
		if (!curve.getAllowedKeys().isEmpty()) {
			allowedKeys = new LinkedHashSet<>();
			for (int i = 0; i < curve.getAllowedKeys().size(); i++) {
				allowedKeys.add(ZmqCurveKeys.checkZ85(prefix + ".curve.allowed-keys[" + i + "]",
						curve.getAllowedKeys().get(i), false));
			}
		}
		Path directory = inherited.curveAllowedKeysDirectory();
		if (curve.getAllowedKeysDirectory() != null) {
			directory = Path.of(curve.getAllowedKeysDirectory());
			if (!Files.isDirectory(directory)) {
				throw new ZmqConfigurationException(prefix + ".curve.allowed-keys-directory",
						curve.getAllowedKeysDirectory(), "not a directory");
			}
		}
		boolean allowAny = (curve.getAllowAny() != null) ? curve.getAllowAny() : inherited.curveAllowAny();
		String username = (plain.getUsername() != null) ? plain.getUsername() : inherited.plainUsername();
		String password = (plain.getPassword() != null) ? plain.getPassword() : inherited.plainPassword();
		Map<String, String> users = plain.getUsers().isEmpty() ? inherited.plainUsers()
				: new LinkedHashMap<>(plain.getUsers());
		for (Map.Entry<String, String> user : users.entrySet()) {
			if (user.getValue() == null || user.getValue().isEmpty()) {
				throw new ZmqConfigurationException(prefix + ".plain.users." + user.getKey(), null,
						"a PLAIN user needs a password");
			}
		}
		List<String> allowed = own.getAllowedAddresses().isEmpty() ? inherited.allowedAddresses()
				: addresses(prefix + ".allowed-addresses", own.getAllowedAddresses());
		List<String> denied = own.getDeniedAddresses().isEmpty() ? inherited.deniedAddresses()
				: addresses(prefix + ".denied-addresses", own.getDeniedAddresses());
		String zapDomain = (own.getZapDomain() != null) ? own.getZapDomain() : inherited.zapDomain();
		Boolean server = (own.getServer() != null) ? own.getServer() : inherited.server();
		return new ZmqSecurity(mechanism, server, zapDomain, publicKey, secretKey, serverKey, allowedKeys, directory,
				allowAny, username, password, users, allowed, denied);
	}

	private static List<String> addresses(String property, List<String> values) {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i).trim();
			addresses.add(normalize(property + "[" + i + "]", value));
		}
		return addresses;
	}

	private static String normalize(String property, String value) {
		boolean literal = !value.isEmpty() && (value.chars().allMatch((c) -> Character.digit(c, 16) >= 0
				|| c == '.' || c == ':'));
		if (!literal) {
			throw new ZmqConfigurationException(property, value, "not an IP address (host names are not resolved)");
		}
		try {
			return InetAddress.getByName(value).getHostAddress();
		}
		catch (Exception ex) {
			throw new ZmqConfigurationException(property, value, "not an IP address");
		}
	}


}

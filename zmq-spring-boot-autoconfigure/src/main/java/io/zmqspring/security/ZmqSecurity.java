package io.zmqspring.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqConfigurationException;

/**
 * The security settings of one socket, with every key already checked and every certificate
 * read. {@link #toString()} never shows a secret key or a password.
 *
 * @param mechanism the ZMTP security mechanism
 * @param server whether the socket is the CURVE or PLAIN server, {@code null} for "when it binds"
 * @param zapDomain the ZAP domain of a server socket, {@code null} for the socket's name
 * @param curvePublicKey this socket's CURVE public key (Z85)
 * @param curveSecretKey this socket's CURVE secret key (Z85)
 * @param curveServerKey the server's CURVE public key (Z85), for a client
 * @param curveAllowedKeys client public keys (Z85) a CURVE server accepts
 * @param curveAllowedKeysDirectory a directory of client certificates a CURVE server accepts
 * @param curveAllowAny whether a CURVE server accepts any client key
 * @param plainUsername the PLAIN user name of a client
 * @param plainPassword the PLAIN password of a client
 * @param plainUsers user names and passwords a PLAIN server accepts
 * @param allowedAddresses peer IP addresses a server accepts; empty accepts any not denied
 * @param deniedAddresses peer IP addresses a server refuses
 * @author zmq-spring-boot
 */
public record ZmqSecurity(ZmqSecurityMechanism mechanism, @Nullable Boolean server, @Nullable String zapDomain,
		@Nullable String curvePublicKey, @Nullable String curveSecretKey, @Nullable String curveServerKey,
		Set<String> curveAllowedKeys, @Nullable Path curveAllowedKeysDirectory, boolean curveAllowAny,
		@Nullable String plainUsername, @Nullable String plainPassword, Map<String, String> plainUsers,
		List<String> allowedAddresses, List<String> deniedAddresses) {

	/** No security: the NULL mechanism, no ZAP. */
	public static final ZmqSecurity NONE = new ZmqSecurity(ZmqSecurityMechanism.NULL, null, null, null, null, null,
			Set.of(), null, false, null, null, Map.of(), List.of(), List.of());

	public ZmqSecurity {
		Assert.notNull(mechanism, "'mechanism' must not be null");
		curveAllowedKeys = Set.copyOf(curveAllowedKeys);
		plainUsers = Map.copyOf(plainUsers);
		allowedAddresses = List.copyOf(allowedAddresses);
		deniedAddresses = List.copyOf(deniedAddresses);
	}

	/**
	 * Return whether a socket with these settings is the server side of its mechanism.
	 * @param binds whether the socket has a bind endpoint
	 * @return the configured {@code server}, or whether it binds
	 */
	public boolean isServer(boolean binds) {
		return (this.server != null) ? this.server : binds;
	}

	/**
	 * Return whether a socket with these settings needs the ZAP handler: a CURVE or PLAIN server,
	 * or any server with an address list.
	 * @param binds whether the socket has a bind endpoint
	 * @return whether peers are authenticated through ZAP
	 */
	public boolean usesZap(boolean binds) {
		if (!isServer(binds)) {
			return false;
		}
		return this.mechanism != ZmqSecurityMechanism.NULL || !this.allowedAddresses.isEmpty()
				|| !this.deniedAddresses.isEmpty();
	}

	/**
	 * Return the ZAP domain of a server socket: the configured one, else the socket's name, so
	 * that the policies of two sockets never mix.
	 * @param socketName the socket's name
	 * @return the ZAP domain
	 */
	public String zapDomainOr(String socketName) {
		return (this.zapDomain != null && !this.zapDomain.isEmpty()) ? this.zapDomain : socketName;
	}

	/**
	 * Check what depends on the side of the socket: a CURVE server needs its keys and an allow
	 * list (or {@code allow-any}), a CURVE client the server's key, a PLAIN server users, a
	 * PLAIN client a user name.
	 * @param prefix the prefix of the security properties, for example
	 * {@code zmq.sockets.api.security}
	 * @param binds whether the socket has a bind endpoint
	 * @throws ZmqConfigurationException naming the missing property
	 */
	public void validate(String prefix, boolean binds) {
		boolean isServer = isServer(binds);
		if (this.mechanism == ZmqSecurityMechanism.CURVE) {
			if (this.curveSecretKey == null) {
				throw new ZmqConfigurationException(prefix + ".curve.secret-key", null,
						"a CURVE socket needs its own key pair: set curve.certificate, or curve.public-key and "
								+ "curve.secret-key (generate them with io.zmqspring.security.ZmqKeyTool)");
			}
			if (isServer && this.curveAllowedKeys.isEmpty() && this.curveAllowedKeysDirectory == null
					&& !this.curveAllowAny) {
				throw new ZmqConfigurationException(prefix + ".curve.allowed-keys", null,
						"a CURVE server needs the client keys it accepts: set curve.allowed-keys or "
								+ "curve.allowed-keys-directory, or curve.allow-any=true to accept any client "
								+ "that knows the server's public key");
			}
			if (!isServer && this.curveServerKey == null) {
				throw new ZmqConfigurationException(prefix + ".curve.server-key", null,
						"a CURVE client needs the server's public key: set curve.server-key or "
								+ "curve.server-certificate");
			}
		}
		if (this.mechanism == ZmqSecurityMechanism.PLAIN) {
			if (isServer && this.plainUsers.isEmpty()) {
				throw new ZmqConfigurationException(prefix + ".plain.users", null,
						"a PLAIN server needs at least one user (plain.users.<name>=<password>)");
			}
			if (!isServer && (this.plainUsername == null || this.plainPassword == null)) {
				throw new ZmqConfigurationException(
						prefix + ((this.plainUsername == null) ? ".plain.username" : ".plain.password"), null,
						"a PLAIN client needs plain.username and plain.password");
			}
		}
	}

	@Override
	public String toString() {
		return "ZmqSecurity[mechanism=" + this.mechanism + ", server=" + this.server + ", zapDomain=" + this.zapDomain
				+ ", curvePublicKey=" + this.curvePublicKey + ", curveSecretKey=" + mask(this.curveSecretKey)
				+ ", curveServerKey=" + this.curveServerKey + ", curveAllowedKeys=" + this.curveAllowedKeys
				+ ", curveAllowedKeysDirectory=" + this.curveAllowedKeysDirectory + ", curveAllowAny="
				+ this.curveAllowAny + ", plainUsername=" + this.plainUsername + ", plainPassword="
				+ mask(this.plainPassword) + ", plainUsers=" + this.plainUsers.keySet() + ", allowedAddresses="
				+ this.allowedAddresses + ", deniedAddresses=" + this.deniedAddresses + "]";
	}

	private static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? ZmqCurveKeys.MASK : null;
	}

}

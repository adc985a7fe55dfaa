package io.zmqspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * CURVE settings of a socket.
 *
 * @author zmq-spring-boot
 */
public class ZmqCurveProperties {

	/**
	 * The socket's own public key, 40 Z85 characters.
	 */
	private @Nullable String publicKey;

	/**
	 * The socket's own secret key, 40 Z85 characters. Never logged.
	 */
	private @Nullable String secretKey;

	/**
	 * The server's public key, 40 Z85 characters (clients).
	 */
	private @Nullable String serverKey;

	/**
	 * Path of the socket's own certificate, as written by ZCert, czmq or ZmqKeyTool: the
	 * public certificate at the path and the secret one at '<path>_secret'.
	 */
	private @Nullable String certificate;

	/**
	 * Path of the server's public certificate (clients).
	 */
	private @Nullable String serverCertificate;

	/**
	 * Public keys (Z85) of the clients a server accepts.
	 */
	private List<String> allowedKeys = new ArrayList<>();

	/**
	 * Directory of the public certificates of the clients a server accepts, read again when
	 * it changes.
	 */
	private @Nullable String allowedKeysDirectory;

	/**
	 * Whether a server accepts any client that knows its public key, without an allow
	 * list.
	 */
	private @Nullable Boolean allowAny;

	public @Nullable String getPublicKey() {
		return this.publicKey;
	}

	public void setPublicKey(@Nullable String publicKey) {
		this.publicKey = publicKey;
	}

	public @Nullable String getSecretKey() {
		return this.secretKey;
	}

	public void setSecretKey(@Nullable String secretKey) {
		this.secretKey = secretKey;
	}

	public @Nullable String getServerKey() {
		return this.serverKey;
	}

	public void setServerKey(@Nullable String serverKey) {
		this.serverKey = serverKey;
	}

	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	public @Nullable String getServerCertificate() {
		return this.serverCertificate;
	}

	public void setServerCertificate(@Nullable String serverCertificate) {
		this.serverCertificate = serverCertificate;
	}

	public List<String> getAllowedKeys() {
		return this.allowedKeys;
	}

	public void setAllowedKeys(List<String> allowedKeys) {
		this.allowedKeys = allowedKeys;
	}

	public @Nullable String getAllowedKeysDirectory() {
		return this.allowedKeysDirectory;
	}

	public void setAllowedKeysDirectory(@Nullable String allowedKeysDirectory) {
		this.allowedKeysDirectory = allowedKeysDirectory;
	}

	public @Nullable Boolean getAllowAny() {
		return this.allowAny;
	}

	public void setAllowAny(@Nullable Boolean allowAny) {
		this.allowAny = allowAny;
	}

}

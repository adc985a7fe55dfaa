package io.zmqspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.zmqspring.security.ZmqSecurityMechanism;

/**
 * Security of a socket. A CURVE or PLAIN server authenticates every peer through the
 * starter's ZAP handler, which denies by default.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketSecurityProperties {

	/**
	 * Security mechanism: NULL (none), PLAIN (user name and password, not encrypted) or
	 * CURVE (CurveZMQ, authenticated and encrypted). Defaults to NULL.
	 */
	private @Nullable ZmqSecurityMechanism mechanism;

	/**
	 * Whether the socket is the server side of the mechanism. Defaults to whether the socket
	 * has a bind endpoint.
	 */
	private @Nullable Boolean server;

	/**
	 * ZAP domain of a server socket, which selects the policy its peers are checked against.
	 * Defaults to the socket's name, so that each server socket has its own policy.
	 */
	private @Nullable String zapDomain;

	/**
	 * IP addresses of peers a server socket accepts; empty accepts any address not denied.
	 */
	private List<String> allowedAddresses = new ArrayList<>();

	/**
	 * IP addresses of peers a server socket refuses; wins over allowed-addresses.
	 */
	private List<String> deniedAddresses = new ArrayList<>();

	/**
	 * CURVE settings.
	 */
	@NestedConfigurationProperty
	private final ZmqCurveProperties curve = new ZmqCurveProperties();

	/**
	 * PLAIN settings.
	 */
	@NestedConfigurationProperty
	private final ZmqPlainProperties plain = new ZmqPlainProperties();

	public @Nullable ZmqSecurityMechanism getMechanism() {
		return this.mechanism;
	}

	public void setMechanism(@Nullable ZmqSecurityMechanism mechanism) {
		this.mechanism = mechanism;
	}

	public @Nullable Boolean getServer() {
		return this.server;
	}

	public void setServer(@Nullable Boolean server) {
		this.server = server;
	}

	public @Nullable String getZapDomain() {
		return this.zapDomain;
	}

	public void setZapDomain(@Nullable String zapDomain) {
		this.zapDomain = zapDomain;
	}

	public List<String> getAllowedAddresses() {
		return this.allowedAddresses;
	}

	public void setAllowedAddresses(List<String> allowedAddresses) {
		this.allowedAddresses = allowedAddresses;
	}

	public List<String> getDeniedAddresses() {
		return this.deniedAddresses;
	}

	public void setDeniedAddresses(List<String> deniedAddresses) {
		this.deniedAddresses = deniedAddresses;
	}

	public ZmqCurveProperties getCurve() {
		return this.curve;
	}

	public ZmqPlainProperties getPlain() {
		return this.plain;
	}

}

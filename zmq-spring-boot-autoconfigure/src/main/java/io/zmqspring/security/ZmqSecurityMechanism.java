package io.zmqspring.security;

/**
 * The ZMTP security mechanism of a socket.
 *
 * @author zmq-spring-boot
 */
public enum ZmqSecurityMechanism {

	/** No authentication and no encryption (the ZeroMQ default). */
	NULL,

	/** User name and password in clear text: authentication without encryption. */
	PLAIN,

	/** CurveZMQ: authentication and encryption with Curve25519 keys. */
	CURVE

}

package io.zmqspring.autoconfigure;

import org.zeromq.ZMQException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.zmqspring.core.ZmqBindException;

import zmq.ZError;

/**
 * Explains a {@link ZmqBindException} at startup, with advice that depends on what failed: a
 * bind to an address already in use, a bind to an address that is not one of this host's, or a
 * connect.
 *
 * @author zmq-spring-boot
 */
class ZmqBindFailureAnalyzer extends AbstractFailureAnalyzer<ZmqBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqBindException cause) {
		String endpoint = "Check the endpoint '" + cause.getEndpoint() + "' of socket '" + cause.getSocketName()
				+ "' (zmq.sockets." + cause.getSocketName() + ".endpoints, or the listener's endpoints): ";
		String action;
		if (!cause.isBind()) {
			action = endpoint + connectAdvice();
		}
		else if (isAddressNotAvailable(cause)) {
			action = endpoint + interfaceAdvice(cause);
		}
		else {
			action = endpoint + addressInUseAdvice();
		}
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

	private static String connectAdvice() {
		return "write it as transport://address with the transport the peer binds (tcp, ipc or inproc). For tcp, "
				+ "give a host name or IP address and a port from 1 to 65535 (for example '>tcp://orders.internal:5555'; "
				+ "an IPv6 address goes in brackets, '>tcp://[::1]:5555'). For ipc, give the path of the peer's socket "
				+ "file; for inproc, the name a socket of this application binds. A tcp host name that does not "
				+ "resolve yet does not fail startup: the socket keeps retrying the connection.";
	}

	private static String interfaceAdvice(ZmqBindException cause) {
		return "the address is not one of this host's. A bind takes the address of one of this host's network "
				+ "interfaces, or a host name that resolves to one: use '" + withHost(cause, "*")
				+ "' to listen on all interfaces or '" + withHost(cause, "127.0.0.1")
				+ "' for clients on this host only. To reach a service on another host, connect to it instead "
				+ "('>' prefix).";
	}

	private static String addressInUseAdvice() {
		return "stop the process already using the address, or use another port ('@tcp://127.0.0.1:*' binds a "
				+ "free one). JeroMQ reports a tcp host that is not an address of this machine as in use too: "
				+ "bind to '*', 127.0.0.1 or one of this host's interface addresses.";
	}

	private static boolean isAddressNotAvailable(ZmqBindException cause) {
		for (Throwable candidate = cause.getCause(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ZMQException zmqException) {
				return zmqException.getErrorCode() == ZError.EADDRNOTAVAIL;
			}
		}
		return cause.getReason().contains("address not available");
	}

	/**
	 * Return the bind endpoint with another host, keeping transport and port, or a generic
	 * example if the endpoint is not {@code tcp://host:port}.
	 */
	private static String withHost(ZmqBindException cause, String host) {
		String endpoint = cause.getEndpoint();
		int colon = endpoint.lastIndexOf(':');
		if (!endpoint.startsWith("@tcp://") || colon < "@tcp://".length()) {
			return "@tcp://" + host + ":5555";
		}
		return "@tcp://" + host + endpoint.substring(colon);
	}

}

package io.zmqspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.zmqspring.core.ZmqBindException;

/**
 * Explains a {@link ZmqBindException} at startup, for example an address already in use.
 *
 * @author zmq-spring-boot
 */
class ZmqBindFailureAnalyzer extends AbstractFailureAnalyzer<ZmqBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqBindException cause) {
		String action = "Check the endpoint '" + cause.getEndpoint() + "' of socket '" + cause.getSocketName()
				+ "' (zmq.sockets." + cause.getSocketName() + ".endpoints, or the listener's endpoints): stop the "
				+ "process already using the address, or use another port ('@tcp://127.0.0.1:*' binds a free one).";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}

package io.zmqspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.zmqspring.core.ZmqConfigurationException;

/**
 * Explains a {@link ZmqConfigurationException} at startup: which property or listener, which
 * value, and why.
 *
 * @author zmq-spring-boot
 */
class ZmqFailureAnalyzer extends AbstractFailureAnalyzer<ZmqConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqConfigurationException cause) {
		String description = "ZeroMQ configuration '" + cause.getProperty() + "'"
				+ ((cause.getValue() != null) ? " has the value '" + cause.getValue() + "', which" : "")
				+ " cannot work: " + cause.getReason();
		String action = "Update '" + cause.getProperty() + "' in your configuration (application.yml or the "
				+ "@ZmqListener attributes).";
		return new FailureAnalysis(description, action, cause);
	}

}

package io.zmqspring.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import io.zmqspring.core.ZmqConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqFailureAnalyzer} explains a {@link ZmqConfigurationException}.
 */
class ZmqFailureAnalyzerTests {

	private final ZmqFailureAnalyzer analyzer = new ZmqFailureAnalyzer();

	@Test
	void descriptionNamesPropertyValueAndReason() {
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(
				new ZmqConfigurationException("zmq.sockets.orders.endpoints[0]", "tcp//x", "is not an endpoint")));
		assertThat(analysis.getDescription()).contains("'zmq.sockets.orders.endpoints[0]'")
			.contains("'tcp//x'")
			.contains("is not an endpoint");
	}

	@Test
	void descriptionLeavesOutMissingValue() {
		FailureAnalysis analysis = this.analyzer
			.analyze(wrapped(new ZmqConfigurationException("zmq.sockets.orders.type", null, "a socket needs a type")));
		assertThat(analysis.getDescription()).contains("'zmq.sockets.orders.type'")
			.contains("a socket needs a type")
			.doesNotContain("null")
			.doesNotContain("has the value");
	}

	@Test
	void actionSaysWhichPropertyToUpdate() {
		FailureAnalysis analysis = this.analyzer
			.analyze(wrapped(new ZmqConfigurationException("zmq.defaults.send-hwm", -1, "must not be negative")));
		assertThat(analysis.getAction()).contains("'zmq.defaults.send-hwm'");
	}

	@Test
	void analysisKeepsTheException() {
		ZmqConfigurationException failure = new ZmqConfigurationException("zmq.context.io-threads", 0, "at least 1");
		assertThat(this.analyzer.analyze(wrapped(failure)).getCause()).isSameAs(failure);
	}

	@Test
	void otherFailuresAreNotAnalyzed() {
		assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void analyzesTheStartupFailureOfABadProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.orders.type=PUSH", "zmq.sockets.orders.send-hwm=-3",
					"zmq.sockets.orders.endpoints=>tcp://127.0.0.1:5555")
			.run((context) -> {
				FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'zmq.sockets.orders.send-hwm'").contains("'-3'");
				assertThat(analysis.getAction()).contains("'zmq.sockets.orders.send-hwm'");
			});
	}

	@Test
	void analyzesTheStartupFailureOfADurationProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.context.shutdown-timeout=-2s")
			.run((context) -> assertThat(this.analyzer.analyze(context.getStartupFailure()).getDescription())
				.contains("'zmq.context.shutdown-timeout'")
				.contains(Duration.ofSeconds(-2).toString()));
	}

	@Test
	void bothAnalyzersAreRegistered() {
		// Boot's own analyzers need constructor arguments; only ours matter here
		FailureHandler ignoreOthers = (factoryType, implementationName, failure) -> {
		};
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, null, ignoreOthers)).hasAtLeastOneElementOfType(ZmqFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(ZmqBindFailureAnalyzer.class);
	}

	private static Throwable wrapped(Throwable failure) {
		return new BeanCreationException("zmqSocketRegistry", "Failed to instantiate", failure);
	}

}

package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextException;

import io.zmqspring.core.ZmqBindException;
import io.zmqspring.core.ZmqEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqBindFailureAnalyzer} explains a {@link ZmqBindException}.
 */
class ZmqBindFailureAnalyzerTests {

	private final ZmqBindFailureAnalyzer analyzer = new ZmqBindFailureAnalyzer();

	private final ZmqBindException failure = new ZmqBindException("orders",
			new ZmqEndpoint("tcp://127.0.0.1:5555", true), "address already in use", null);

	@Test
	void descriptionIsTheBindFailure() {
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(this.failure));
		assertThat(analysis.getDescription()).contains("'orders'")
			.contains("bind to tcp://127.0.0.1:5555")
			.contains("address already in use");
	}

	@Test
	void actionNamesSocketEndpointAndProperty() {
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(this.failure));
		assertThat(analysis.getAction()).contains("'@tcp://127.0.0.1:5555'")
			.contains("'orders'")
			.contains("zmq.sockets.orders.endpoints");
	}

	@Test
	void analysisKeepsTheException() {
		assertThat(this.analyzer.analyze(wrapped(this.failure)).getCause()).isSameAs(this.failure);
	}

	@Test
	void otherFailuresAreNotAnalyzed() {
		assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void analyzesTheStartupFailureOfAnAddressInUse() throws IOException {
		try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			String address = "tcp://127.0.0.1:" + occupied.getLocalPort();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
				.withPropertyValues("zmq.sockets.busy.type=PUSH", "zmq.sockets.busy.endpoints=@" + address)
				.run((context) -> {
					FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("'busy'").contains(address)
						.contains("address already in use");
					assertThat(analysis.getAction()).contains("'@" + address + "'")
						.contains("zmq.sockets.busy.endpoints");
				});
		}
	}

	private static Throwable wrapped(Throwable failure) {
		return new ApplicationContextException("Failed to start bean 'zmqTemplate'", failure);
	}

}

package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextException;

import io.zmqspring.core.ZmqBindException;
import io.zmqspring.core.ZmqEndpoint;

import zmq.ZError;

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
	void addressInUseOnABindGetsAdviceAboutTheProcessUsingTheAddress() {
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(this.failure));
		assertThat(analysis.getAction()).contains("stop the process already using the address")
			.contains("'@tcp://127.0.0.1:*'");
	}

	@Test
	void connectFailureGetsConnectAdviceNotBindAdvice() {
		ZmqBindException connectFailure = new ZmqBindException("quotes", new ZmqEndpoint("tcp://[::1:5555", false),
				"address not available on this host", new ZMQException("[::1: invalid IPv6 address literal",
						ZError.EADDRNOTAVAIL));
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(connectFailure));
		assertThat(analysis.getDescription()).contains("connect to tcp://[::1:5555");
		assertThat(analysis.getAction()).contains("'>tcp://[::1:5555'")
			.contains("zmq.sockets.quotes.endpoints")
			.contains("host name")
			.contains("port")
			.contains("transport")
			.contains("retr")
			.doesNotContain("already using")
			.doesNotContain("binds a free one")
			.doesNotContain("interface");
	}

	@Test
	void connectFailureWithoutJeromqErrorCodeGetsConnectAdvice() {
		ZmqBindException connectFailure = new ZmqBindException("quotes", new ZmqEndpoint("tcp://host:abc", false),
				"For input string: \"abc\"", new NumberFormatException("For input string: \"abc\""));
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(connectFailure));
		assertThat(analysis.getAction()).contains("'>tcp://host:abc'").contains("port").doesNotContain("already using");
	}

	@Test
	void addressNotAvailableOnABindGetsAdviceAboutTheInterfaceAddress() {
		ZmqBindException notLocal = new ZmqBindException("api", new ZmqEndpoint("tcp://192.0.2.7:5555", true),
				"address not available on this host", new ZMQException("192.0.2.7", ZError.EADDRNOTAVAIL));
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(notLocal));
		assertThat(analysis.getAction()).contains("'@tcp://192.0.2.7:5555'")
			.contains("zmq.sockets.api.endpoints")
			.contains("interface")
			.contains("'@tcp://*:5555'")
			.doesNotContain("already using");
	}

	@Test
	void addressNotAvailableOnABindIsRecognisedWithoutACause() {
		ZmqBindException notLocal = new ZmqBindException("api", new ZmqEndpoint("tcp://192.0.2.7:5555", true),
				"address not available on this host", null);
		assertThat(this.analyzer.analyze(wrapped(notLocal)).getAction()).contains("interface")
			.doesNotContain("already using");
	}

	@Test
	void analyzesTheStartupFailureOfABindToAHostThatDoesNotResolve() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.api.type=PUSH",
					"zmq.sockets.api.endpoints=@tcp://no-such-host.invalid:5555")
			.run((context) -> {
				FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'api'").contains("bind to");
				assertThat(analysis.getAction()).contains("interface").doesNotContain("already using");
			});
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

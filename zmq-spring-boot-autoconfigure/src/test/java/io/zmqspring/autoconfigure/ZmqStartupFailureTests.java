package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.core.ZmqBindException;
import io.zmqspring.core.ZmqConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values that cannot work fail startup with the property, listener or socket at fault.
 */
class ZmqStartupFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void unknownSocketTypeFailsBindingOfTheTypeProperty() {
		this.runner.withPropertyValues("zmq.sockets.x.type=PUBLISHER", "zmq.sockets.x.endpoints=@inproc://x")
			.run((context) -> {
				BindException failure = cause(context.getStartupFailure(), BindException.class);
				assertThat(failure.getName()).hasToString("zmq.sockets.x.type");
				assertThat(failure.getMessage()).contains("zmq.sockets.x.type");
				assertThat(failure.getProperty().getValue()).isEqualTo("PUBLISHER");
			});
	}

	@Test
	void socketTypeBindsCaseInsensitively() {
		this.runner.withPropertyValues("zmq.sockets.x.type=pull", "zmq.sockets.x.endpoints=@inproc://x")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void endpointWithoutSchemeSeparatorFailsNamingTheEndpoint() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.type=PUSH", "zmq.sockets.x.endpoints=tcp//x" },
				"zmq.sockets.x.endpoints[0]", "tcp//x", "transport://address");
	}

	@Test
	void endpointWithUnknownTransportFailsNamingTheEndpoint() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.type=PUSH", "zmq.sockets.x.endpoints=foo://x" },
				"zmq.sockets.x.endpoints[0]", "foo://x", "transport 'foo'");
	}

	@Test
	void tcpEndpointWithoutPortFailsNamingTheEndpoint() {
		assertConfigurationFailure(
				new String[] { "zmq.sockets.x.type=PUSH", "zmq.sockets.x.endpoints=>tcp://127.0.0.1" },
				"zmq.sockets.x.endpoints[0]", ">tcp://127.0.0.1", "needs a host and a port");
	}

	@Test
	void secondMalformedEndpointIsNamedByItsIndex() {
		assertConfigurationFailure(
				new String[] { "zmq.sockets.x.type=PUSH",
						"zmq.sockets.x.endpoints=>tcp://127.0.0.1:5555,>tcp://127.0.0.1:99999" },
				"zmq.sockets.x.endpoints[1]", ">tcp://127.0.0.1:99999", "outside 1-65535");
	}

	@Test
	void wildcardPortOnConnectFailsNamingTheEndpoint() {
		assertConfigurationFailure(
				new String[] { "zmq.sockets.x.type=PUSH", "zmq.sockets.x.endpoints=>tcp://127.0.0.1:*" },
				"zmq.sockets.x.endpoints[0]", ">tcp://127.0.0.1:*", "wildcard port");
	}

	@Test
	void unprefixedWildcardPortOnConnectingTypeFails() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.type=SUB", "zmq.sockets.x.endpoints=tcp://127.0.0.1:*" },
				"zmq.sockets.x.endpoints[0]", "tcp://127.0.0.1:*", "wildcard port");
	}

	@Test
	void negativeDefaultSendHwmFailsNamingTheDefaultsProperty() {
		assertConfigurationFailure(new String[] { "zmq.defaults.send-hwm=-1" }, "zmq.defaults.send-hwm", "-1",
				"must not be negative");
	}

	@Test
	void negativeSocketSendHwmFailsNamingTheSocketProperty() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.type=PUSH",
				"zmq.sockets.x.endpoints=>tcp://127.0.0.1:5555", "zmq.sockets.x.send-hwm=-5" },
				"zmq.sockets.x.send-hwm", "-5", "must not be negative");
	}

	@Test
	void negativeSocketLingerFailsNamingTheSocketProperty() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.type=PUSH",
				"zmq.sockets.x.endpoints=>tcp://127.0.0.1:5555", "zmq.sockets.x.linger=-1s" },
				"zmq.sockets.x.linger", "PT-1S", "must not be negative");
	}

	@Test
	void missingTypeFailsNamingTheTypeProperty() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.endpoints=>tcp://127.0.0.1:5555" },
				"zmq.sockets.x.type", null, "needs a type");
	}

	@Test
	void missingEndpointsFailNamingTheEndpointsProperty() {
		assertConfigurationFailure(new String[] { "zmq.sockets.x.type=PUSH" }, "zmq.sockets.x.endpoints", null,
				"at least one endpoint");
	}

	@Test
	void zeroIoThreadsFailNamingTheProperty() {
		assertConfigurationFailure(new String[] { "zmq.context.io-threads=0" }, "zmq.context.io-threads", "0",
				"at least 1");
	}

	@Test
	void negativeShutdownTimeoutFailsNamingTheProperty() {
		assertConfigurationFailure(new String[] { "zmq.context.shutdown-timeout=-1s" },
				"zmq.context.shutdown-timeout", "PT-1S", "must not be negative");
	}

	@Test
	void zeroReplyTimeoutFailsNamingTheProperty() {
		assertConfigurationFailure(new String[] { "zmq.template.reply-timeout=0" }, "zmq.template.reply-timeout",
				"PT0S", "must be positive");
	}

	@Test
	void zeroSendQueueCapacityFailsNamingTheProperty() {
		assertConfigurationFailure(new String[] { "zmq.template.send-queue-capacity=0" },
				"zmq.template.send-queue-capacity", "0", "must be positive");
	}

	@Test
	void negativeListenerStopTimeoutFailsNamingTheProperty() {
		assertConfigurationFailure(new String[] { "zmq.listener.stop-timeout=-1s" }, "zmq.listener.stop-timeout",
				"PT-1S", "must not be negative");
	}

	@Test
	void listenerOnUndefinedSocketNamesTheListenerAndTheConfiguredSockets() {
		this.runner.withUserConfiguration(NamedSocketListener.class)
			.withPropertyValues("listener.socket=ordres", "zmq.sockets.orders.type=PULL",
					"zmq.sockets.orders.endpoints=@inproc://orders", "zmq.sockets.audit.type=PULL",
					"zmq.sockets.audit.endpoints=@inproc://audit")
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure(),
						ZmqConfigurationException.class);
				assertThat(failure.getProperty()).contains("@ZmqListener 'named'")
					.contains("NamedSocketListener.handle");
				assertThat(failure.getValue()).isEqualTo("ordres");
				assertThat(failure.getMessage()).contains("ordres").contains("orders").contains("audit");
			});
	}

	@Test
	void listenerOnUndefinedSocketSaysWhenNoSocketIsConfigured() {
		this.runner.withUserConfiguration(NamedSocketListener.class)
			.withPropertyValues("listener.socket=orders")
			.run((context) -> assertThat(rootCause(context.getStartupFailure(), ZmqConfigurationException.class))
				.hasMessageContaining("none"));
	}

	@Test
	void listenerOnPubSocketFailsNamingTheListener() {
		this.runner.withUserConfiguration(NamedSocketListener.class)
			.withPropertyValues("listener.socket=prices", "zmq.sockets.prices.type=PUB",
					"zmq.sockets.prices.endpoints=@inproc://prices")
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure(),
						ZmqConfigurationException.class);
				assertThat(failure.getProperty()).contains("@ZmqListener 'named'");
				assertThat(failure.getValue()).isEqualTo("PUB");
				assertThat(failure.getReason()).contains("cannot receive");
			});
	}

	@Test
	void inlineListenerOnPubTypeFailsNamingTheListener() {
		this.runner.withUserConfiguration(InlineListener.class)
			.withPropertyValues("listener.type=PUB", "listener.endpoint=@inproc://inline")
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure(),
						ZmqConfigurationException.class);
				assertThat(failure.getProperty()).contains("@ZmqListener 'inline'");
				assertThat(failure.getReason()).contains("cannot receive");
			});
	}

	@Test
	void inlineListenerWithUnknownTypeFailsNamingTheListener() {
		this.runner.withUserConfiguration(InlineListener.class)
			.withPropertyValues("listener.type=PULLER", "listener.endpoint=@inproc://inline")
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure(),
						ZmqConfigurationException.class);
				assertThat(failure.getProperty()).startsWith("@ZmqListener 'inline' on ")
					.endsWith("InlineListener.handle type");
				assertThat(failure.getValue()).isEqualTo("PULLER");
			});
	}

	@Test
	void inlineListenerWithMalformedEndpointFailsNamingTheListener() {
		this.runner.withUserConfiguration(InlineListener.class)
			.withPropertyValues("listener.type=PULL", "listener.endpoint=tcp//x")
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure(),
						ZmqConfigurationException.class);
				assertThat(failure.getProperty()).startsWith("@ZmqListener 'inline' on ")
					.endsWith("InlineListener.handle endpoints");
				assertThat(failure.getValue()).isEqualTo("tcp//x");
			});
	}

	@Test
	void zeroConcurrencyFailsNamingTheListener() {
		assertConcurrencyFailure("0");
	}

	@Test
	void nonNumericConcurrencyFailsNamingTheListener() {
		assertConcurrencyFailure("abc");
	}

	@Test
	void addressInUseFailsWithBindExceptionNamingSocketAndEndpoint() throws IOException {
		try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			String address = "tcp://127.0.0.1:" + occupied.getLocalPort();
			this.runner.withPropertyValues("zmq.sockets.busy.type=PUSH", "zmq.sockets.busy.endpoints=@" + address)
				.run((context) -> {
					ZmqBindException failure = bindFailure(context.getStartupFailure());
					assertThat(failure.getSocketName()).isEqualTo("busy");
					assertThat(failure.getEndpoint()).isEqualTo("@" + address);
					assertThat(failure.getMessage()).contains("'busy'").contains(address).contains("in use");
				});
		}
	}

	@Test
	void addressBoundByAnotherZeromqSocketFailsWithBindException() {
		try (ZContext other = new ZContext()) {
			ZMQ.Socket holder = other.createSocket(SocketType.PULL);
			int port = holder.bindToRandomPort("tcp://127.0.0.1");
			String address = "tcp://127.0.0.1:" + port;
			this.runner.withPropertyValues("zmq.sockets.busy.type=PUB", "zmq.sockets.busy.endpoints=" + address)
				.run((context) -> {
					ZmqBindException failure = bindFailure(context.getStartupFailure());
					assertThat(failure.getSocketName()).isEqualTo("busy");
					assertThat(failure.getEndpoint()).isEqualTo("@" + address);
				});
		}
	}

	@Test
	void addressInUseByListenerSocketFailsWithBindException() throws IOException {
		try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			String address = "tcp://127.0.0.1:" + occupied.getLocalPort();
			this.runner.withUserConfiguration(NamedSocketListener.class)
				.withPropertyValues("listener.socket=inbox", "zmq.sockets.inbox.type=PULL",
						"zmq.sockets.inbox.endpoints=@" + address)
				.run((context) -> {
					ZmqBindException failure = bindFailure(context.getStartupFailure());
					assertThat(failure.getSocketName()).isEqualTo("inbox");
					assertThat(failure.getEndpoint()).isEqualTo("@" + address);
				});
		}
	}

	private void assertConcurrencyFailure(String concurrency) {
		this.runner.withUserConfiguration(ConcurrentListener.class)
			.withPropertyValues("listener.concurrency=" + concurrency)
			.run((context) -> {
				ZmqConfigurationException failure = rootCause(context.getStartupFailure(),
						ZmqConfigurationException.class);
				assertThat(failure.getProperty())
					.startsWith("@ZmqListener 'workers' on ")
					.endsWith("ConcurrentListener.handle concurrency");
				assertThat(failure.getValue()).isEqualTo(concurrency);
				assertThat(failure.getReason()).contains("at least 1");
			});
	}

	private void assertConfigurationFailure(String[] properties, String property, String value, String reason) {
		this.runner.withPropertyValues(properties).run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure(), ZmqConfigurationException.class);
			assertThat(failure.getProperty()).isEqualTo(property);
			assertThat(failure.getValue()).isEqualTo(value);
			assertThat(failure.getReason()).contains(reason);
			assertThat(failure.getMessage()).contains(property);
		});
	}

	private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
		assertThat(failure).isNotNull();
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		assertThat(root).isInstanceOf(type);
		return type.cast(root);
	}

	private static ZmqBindException bindFailure(Throwable failure) {
		ZmqBindException bindFailure = cause(failure, ZmqBindException.class);
		assertThat(failure).rootCause().isInstanceOf(ZMQException.class);
		assertThat(bindFailure.getCause()).isSameAs(rootCause(failure, ZMQException.class));
		return bindFailure;
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		assertThat(failure).isNotNull();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getName() + " in the cause chain of " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class NamedSocketListener {

		@ZmqListener(id = "named", socket = "${listener.socket}")
		void handle(byte[] message) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InlineListener {

		@ZmqListener(id = "inline", type = "${listener.type}", endpoints = "${listener.endpoint}")
		void handle(byte[] message) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcurrentListener {

		@ZmqListener(id = "workers", type = "PULL", endpoints = "@inproc://workers",
				concurrency = "${listener.concurrency}")
		void handle(byte[] message) {
		}

	}

}

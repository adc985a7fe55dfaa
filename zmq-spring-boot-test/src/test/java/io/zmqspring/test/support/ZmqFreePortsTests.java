package io.zmqspring.test.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ZmqFreePortsTests {

	@Test
	void portsHandedOutInOneJvmAreDistinctAndBindable() throws IOException {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			int port = ZmqFreePorts.port();
			assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void tcpEndpointIsOnTheLoopbackInterface() {
		assertThat(ZmqFreePorts.tcp()).matches("tcp://127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void sameKeyGivesTheSamePortAsPortAndAsEndpoint() {
		new ApplicationContextRunner().withInitializer(new ZmqFreePortsInitializer()).run((context) -> {
			String port = context.getEnvironment().getProperty("zmq-test.port.orders");
			assertThat(context.getEnvironment().getProperty("zmq-test.endpoint.orders"))
				.isEqualTo("tcp://127.0.0.1:" + port);
			assertThat(context.getEnvironment().getProperty("zmq-test.port.orders")).isEqualTo(port);
		});
	}

	@Test
	void differentKeysGetDifferentPorts() {
		new ApplicationContextRunner().withInitializer(new ZmqFreePortsInitializer()).run((context) -> {
			assertThat(context.getEnvironment().getProperty("zmq-test.port.orders"))
				.isNotEqualTo(context.getEnvironment().getProperty("zmq-test.port.pricing"));
		});
	}

	@Test
	void placeholdersInPropertyValuesResolveToTheKeysEndpoint() {
		new ApplicationContextRunner().withInitializer(new ZmqFreePortsInitializer())
			.withPropertyValues("server=@${zmq-test.endpoint.api}", "client=>${zmq-test.endpoint.api}")
			.run((context) -> {
				String endpoint = context.getEnvironment().getProperty("zmq-test.endpoint.api");
				assertThat(context.getEnvironment().getProperty("server")).isEqualTo("@" + endpoint);
				assertThat(context.getEnvironment().getProperty("client")).isEqualTo(">" + endpoint);
			});
	}

	@Test
	void explicitlySetValueWinsOverAFreePort() {
		new ApplicationContextRunner().withInitializer(new ZmqFreePortsInitializer())
			.withPropertyValues("zmq-test.port.fixed=5599")
			.run((context) -> assertThat(context.getEnvironment().getProperty("zmq-test.port.fixed")).isEqualTo("5599"));
	}

	@Test
	void propertyWithoutAKeyIsRejectedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ZmqFreePortPropertySource().getProperty("zmq-test.port."))
			.withMessageContaining("zmq-test.port.");
	}

}

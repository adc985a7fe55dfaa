package io.zmqspring.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The configuration centre over CURVE: its sockets are ordinary sockets, so the per-socket
 * security applies to snapshots and updates alike.
 */
class ConfigCentreCurveTests {

	private static final ZMQ.Curve.KeyPair SERVER = TestCurve.keyPair();

	private static final ZMQ.Curve.KeyPair CLIENT = TestCurve.keyPair();

	@Test
	void allowedClientGetsTheSnapshotAndTheUpdatesOverCurve() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				serverSecurity("zmq.config-server.properties.app.greeting=secret-hello"));
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints, clientSecurity(CLIENT))) {
			assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("secret-hello");
			server.getBean(ZmqConfigServer.class).publish("app.greeting", "secret-update");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> "secret-update".equals(client.getBean(AppSettings.class).getGreeting()));
		}
	}

	@Test
	void clientWithAnUnknownKeyGetsNothing() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				serverSecurity("zmq.config-server.properties.app.greeting=secret-hello"))) {
			List<String> stranger = new ArrayList<>(List.of(clientSecurity(TestCurve.keyPair())));
			stranger.addAll(List.of("zmq.config-client.fail-fast=true", "zmq.config-client.startup-timeout=1s"));
			assertThatExceptionOfType(ZmqConfigurationException.class)
				.isThrownBy(() -> ConfigCentreApps.client(endpoints, stranger.toArray(String[]::new)))
				.withMessageContaining("zmq.config-client.fail-fast");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> ConfigCentreApps.count(server, "zmq.security.denials") >= 1);
		}
	}

	private static String[] serverSecurity(String... more) {
		List<String> properties = new ArrayList<>();
		properties.addAll(List.of(TestCurve.server("config-snapshot", SERVER, CLIENT.publicKey)));
		properties.addAll(List.of(TestCurve.server("config-updates", SERVER, CLIENT.publicKey)));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private static String[] clientSecurity(ZMQ.Curve.KeyPair client) {
		List<String> properties = new ArrayList<>();
		properties.addAll(List.of(TestCurve.client("config-snapshot", client, SERVER.publicKey)));
		properties.addAll(List.of(TestCurve.client("config-updates", client, SERVER.publicKey)));
		return properties.toArray(String[]::new);
	}

}

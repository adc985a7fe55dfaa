package io.zmqspring.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.core.ZmqConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The client's first snapshot, fetched while the environment is prepared, and what happens
 * without a server.
 */
class ConfigCentreStartupTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void snapshotAtStartupIsVisibleThroughTheEnvironmentAValueAndAConfigurationPropertiesBean() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=hello", "zmq.config-server.properties.app.limits.max=42");
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("hello");
			assertThat(client.getBean(ConfigCentreApps.Greeting.class).value()).isEqualTo("hello");
			AppSettings settings = client.getBean(AppSettings.class);
			assertThat(settings.getGreeting()).isEqualTo("hello");
			assertThat(settings.getLimits().getMax()).isEqualTo(42);
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.snapshots")).isEqualTo(1);
		}
	}

	@Test
	void serverPropertiesWinOverTheApplicationsOwnButNotOverTheCommandLine() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=from-server",
				"zmq.config-server.properties.app.timeout=9s");
				ConfigurableApplicationContext client = new org.springframework.boot.builder.SpringApplicationBuilder(
						ConfigCentreApps.ConfigApp.class)
					.web(org.springframework.boot.WebApplicationType.NONE)
					.properties(ConfigCentreApps.clientProperties(endpoints, "app.greeting=own", "app.timeout=1s"))
					.run("--app.timeout=2s")) {
			assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("from-server");
			assertThat(client.getEnvironment().getProperty("app.timeout")).isEqualTo("2s");
		}
	}

	@Test
	void failFastWithoutAServerFailsStartupNamingTheProperty() {
		ConfigCentreApps.Endpoints nobody = ConfigCentreApps.Endpoints.free();
		long start = System.nanoTime();
		assertThatExceptionOfType(ZmqConfigurationException.class)
			.isThrownBy(() -> ConfigCentreApps.client(nobody, "zmq.config-client.fail-fast=true",
					"zmq.config-client.startup-timeout=500ms", "zmq.config-client.snapshot-timeout=200ms"))
			.withMessageContaining("zmq.config-client.fail-fast")
			.withMessageContaining("config-snapshot")
			.withMessageContaining("within 500 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void withoutFailFastTheApplicationStartsAndTakesThePropertiesOnceTheServerAnswers() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints,
				"zmq.config-client.startup-timeout=300ms", "zmq.config-client.snapshot-timeout=300ms")) {
			assertThat(client.getEnvironment().containsProperty("app.greeting")).isFalse();
			assertThat(client.getBean(AppSettings.class).getGreeting()).isEqualTo("default");
			ConfigCentreApps.Changes changes = client.getBean(ConfigCentreApps.Changes.class);
			try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
					"zmq.config-server.properties.app.greeting=late")) {
				await().atMost(WAIT).until(() -> changes.anyNamed("app.greeting"));
				assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("late");
				assertThat(client.getBean(AppSettings.class).getGreeting()).isEqualTo("late");
			}
		}
	}

	@Test
	void clientSocketThatIsNotConfiguredFailsStartupNamingTheProperty() {
		assertThatExceptionOfType(ZmqConfigurationException.class)
			.isThrownBy(() -> ConfigCentreApps.run(ConfigCentreApps.ConfigApp.class,
					java.util.List.of("zmq.config-client.enabled=true", "zmq.config-client.snapshot-socket=missing")))
			.withMessageContaining("zmq.config-client.snapshot-socket")
			.withMessageContaining("'missing'");
	}

	@Test
	void serverSocketOfTheWrongTypeFailsStartupNamingTheProperty() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> ConfigCentreApps.server(endpoints, "zmq.sockets.config-updates.type=PUSH"))
			.havingRootCause()
			.withMessageContaining("zmq.config-server.publish-socket")
			.withMessageContaining("PUSH");
	}

}

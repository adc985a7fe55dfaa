package io.zmqspring.config;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's first snapshot, fetched while the environment is prepared.
 */
class ConfigCentreStartupTests {

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
		}
	}

}

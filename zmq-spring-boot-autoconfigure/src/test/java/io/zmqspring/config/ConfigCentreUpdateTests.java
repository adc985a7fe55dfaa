package io.zmqspring.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes on a running server reach a running client: its environment, an event naming the
 * changed keys, and the rebound {@code @ConfigurationProperties} beans.
 */
class ConfigCentreUpdateTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void updateChangesTheEnvironmentPublishesAnEventWithTheKeyAndRebindsTheBean() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=hello");
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			ConfigCentreApps.Changes changes = client.getBean(ConfigCentreApps.Changes.class);
			server.getBean(ZmqConfigServer.class).publish("app.greeting", "hi");
			await().atMost(WAIT).until(() -> changes.anyNamed("app.greeting"));
			ZmqConfigChangedEvent event = changes.events.get(changes.events.size() - 1);
			assertThat(event.getKeys()).containsExactly("app.greeting");
			assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("hi");
			assertThat(client.getBean(AppSettings.class).getGreeting()).isEqualTo("hi");
		}
	}

	@Test
	void nestedAndMapPropertiesOfAReadOnlyFieldAreRebound() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints);
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			ZmqConfigServer config = server.getBean(ZmqConfigServer.class);
			config.publish("app.limits.max", "99");
			config.publish("app.labels.team", "blue");
			AppSettings settings = client.getBean(AppSettings.class);
			await().atMost(WAIT).until(() -> settings.getLabels().containsKey("team") && settings.getLimits().getMax() == 99);
			assertThat(settings.getLabels()).containsEntry("team", "blue");
		}
	}

	@Test
	void removedKeyLeavesTheEnvironmentAndTheBeanTakesItsDefaultAgain() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.timeout=30s", "zmq.config-server.properties.app.labels.team=blue");
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			AppSettings settings = client.getBean(AppSettings.class);
			assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(30));
			ConfigCentreApps.Changes changes = client.getBean(ConfigCentreApps.Changes.class);
			ZmqConfigServer config = server.getBean(ZmqConfigServer.class);
			config.remove("app.timeout");
			config.remove("app.labels.team");
			await().atMost(WAIT).until(() -> changes.anyNamed("app.timeout") && changes.anyNamed("app.labels.team"));
			assertThat(client.getEnvironment().containsProperty("app.timeout")).isFalse();
			assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.getLabels()).isEmpty();
		}
	}

	@Test
	void valuesThatFailToBindAreRefusedAsAWholeUntilTheyAreFixed() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=hello");
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			ConfigCentreApps.Changes changes = client.getBean(ConfigCentreApps.Changes.class);
			AppSettings settings = client.getBean(AppSettings.class);
			ZmqConfigServer config = server.getBean(ZmqConfigServer.class);
			config.publish("app.timeout", "not a duration");
			await().atMost(WAIT).until(() -> changes.anyNamed("app.timeout"));
			assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(5));
			// while app.timeout cannot be bound, the bean takes no other change either
			config.publish("app.greeting", "bye");
			await().atMost(WAIT).until(() -> changes.anyNamed("app.greeting"));
			assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("bye");
			assertThat(settings.getGreeting()).isEqualTo("hello");
			config.publish("app.timeout", "7s");
			await().atMost(WAIT).until(() -> Duration.ofSeconds(7).equals(settings.getTimeout()));
			assertThat(settings.getGreeting()).isEqualTo("bye");
		}
	}

	@Test
	void listenerThatThrowsDoesNotStopTheClient() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints);
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints,
						"test.listener-throws=true")) {
			ConfigCentreApps.Changes changes = client.getBean(ConfigCentreApps.Changes.class);
			ZmqConfigServer config = server.getBean(ZmqConfigServer.class);
			config.publish("app.greeting", "first");
			await().atMost(WAIT).until(() -> changes.anyNamed("app.greeting"));
			config.publish("app.greeting", "second");
			await().atMost(WAIT).until(() -> "second".equals(client.getBean(AppSettings.class).getGreeting()));
			await().atMost(WAIT).until(() -> changes.events.size() >= 2);
		}
	}

	@Test
	void restartedServerWithANewEpochIsDetectedAndTheClientTakesItsState() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		ConfigurableApplicationContext first = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=hello", "zmq.config-server.properties.app.old=yes");
		try (ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			long firstEpoch = first.getBean(ZmqConfigServer.class).getEpoch();
			first.close();
			try (ConfigurableApplicationContext second = ConfigCentreApps.server(endpoints,
					"zmq.config-server.properties.app.greeting=bonjour")) {
				ZmqConfigServer server = second.getBean(ZmqConfigServer.class);
				assertThat(server.getEpoch()).isNotEqualTo(firstEpoch);
				ConfigCentreApps.Changes changes = client.getBean(ConfigCentreApps.Changes.class);
				await().atMost(WAIT).until(() -> changes.anyFrom(server.getEpoch()));
				assertThat(ConfigCentreApps.centreProperties(client)).isEqualTo(server.getProperties());
				assertThat(client.getBean(AppSettings.class).getGreeting()).isEqualTo("bonjour");
				assertThat(client.getEnvironment().containsProperty("app.old")).isFalse();
				assertThat(ConfigCentreApps.count(client, "zmq.config.client.server.restarts")).isEqualTo(1);
				assertThat(client.getBean(ZmqConfigClient.class).getPropertySource().getEpoch())
					.isEqualTo(server.getEpoch());
			}
		}
		finally {
			first.close();
		}
	}

}

package io.zmqspring.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a client gets back in step, against a server written with raw JeroMQ that drops, reorders
 * and garbles what a test tells it to.
 */
class ConfigCentreResyncTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final long EPOCH = 0x1234_5678_9abc_def0L;

	@Test
	void gapInTheSequenceMakesTheClientTakeASnapshot() throws Exception {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (FakeConfigServer server = new FakeConfigServer(endpoints, FakeConfigServer.state(EPOCH, 0, Map.of()));
				ConfigurableApplicationContext client = subscribedClient(endpoints, server)) {
			server.publish(new ZmqConfigUpdate(EPOCH, 1, "a", "1"), FakeConfigServer.state(EPOCH, 1, Map.of("a", "1")));
			await().atMost(WAIT).until(() -> "1".equals(client.getEnvironment().getProperty("a")));
			int requests = server.getSnapshotRequests();
			// update 2 is never sent
			server.publish(new ZmqConfigUpdate(EPOCH, 3, "c", "3"),
					FakeConfigServer.state(EPOCH, 3, Map.of("a", "1", "b", "2", "c", "3")));
			await().atMost(WAIT).until(() -> "2".equals(client.getEnvironment().getProperty("b")));
			assertThat(ConfigCentreApps.centreProperties(client)).containsExactlyInAnyOrderEntriesOf(
					Map.of("a", "1", "b", "2", "c", "3"));
			assertThat(server.getSnapshotRequests()).isGreaterThan(requests);
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.gaps")).isEqualTo(1);
			assertThat(client.getBean(ZmqConfigClient.class).getPropertySource().getSequence()).isEqualTo(3);
		}
	}

	@Test
	void heartbeatAheadOfTheClientMakesItTakeASnapshot() throws Exception {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (FakeConfigServer server = new FakeConfigServer(endpoints, FakeConfigServer.state(EPOCH, 0, Map.of()));
				ConfigurableApplicationContext client = subscribedClient(endpoints, server)) {
			// the last update is lost: only the heartbeats say the server moved on
			server.setState(FakeConfigServer.state(EPOCH, 1, Map.of("a", "1")));
			await().atMost(WAIT).until(() -> "1".equals(client.getEnvironment().getProperty("a")));
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.gaps")).isEqualTo(1);
		}
	}

	@Test
	void sequenceGoingBackwardsIsTakenForARestart() throws Exception {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (FakeConfigServer server = new FakeConfigServer(endpoints,
				FakeConfigServer.state(EPOCH, 5, Map.of("a", "5")));
				ConfigurableApplicationContext client = subscribedClient(endpoints, server)) {
			server.setState(FakeConfigServer.state(EPOCH, 2, Map.of("a", "2")));
			await().atMost(WAIT).until(() -> "2".equals(client.getEnvironment().getProperty("a")));
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.server.restarts")).isEqualTo(1);
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.gaps")).isZero();
		}
	}

	@Test
	void serverHeardAgainAfterItWasSilentIsAskedForASnapshot() throws Exception {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (FakeConfigServer server = new FakeConfigServer(endpoints, FakeConfigServer.state(EPOCH, 0, Map.of()));
				ConfigurableApplicationContext client = subscribedClient(endpoints, server,
						"zmq.config-client.server-timeout=1s")) {
			ZmqConfigClient config = client.getBean(ZmqConfigClient.class);
			int requests = server.getSnapshotRequests();
			server.setHeartbeats(false);
			await().atMost(WAIT).until(() -> !config.isServerHeard());
			assertThat(server.getSnapshotRequests()).isEqualTo(requests);
			server.setHeartbeats(true);
			await().atMost(WAIT).until(() -> server.getSnapshotRequests() > requests && config.isServerHeard());
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.gaps")).isZero();
		}
	}

	@Test
	void malformedMessagesAreCountedAndChangeNothing() throws Exception {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (FakeConfigServer server = new FakeConfigServer(endpoints, FakeConfigServer.state(EPOCH, 0, Map.of()));
				ConfigurableApplicationContext client = subscribedClient(endpoints, server)) {
			byte[] epoch = ZmqConfigProtocol.update(new ZmqConfigUpdate(EPOCH, 1, "x", "y")).get(1);
			byte[] one = ZmqConfigProtocol.update(new ZmqConfigUpdate(EPOCH, 1, "x", "y")).get(2);
			server.publish(List.of(ascii("ZCFG1-UPD"), epoch, one));
			server.publish(List.of(ascii("ZCFG1-NOPE"), epoch, one));
			server.publish(List.of(ascii("ZCFG1-UPD"), epoch, one, new byte[] { (byte) 0xC3, (byte) 0x28 },
					new byte[] { 0 }, ascii("v")));
			server.publish(List.of(ascii("ZCFG1-UPD"), epoch, one, ascii("x"), new byte[] { 7 }, ascii("v")));
			server.publish(List.of(ascii("ZCFG1-HUGZ"), epoch, new byte[] { 0, 0, 0, 1 }));
			server.publish(new ZmqConfigUpdate(EPOCH, 1, "a", "ok"), FakeConfigServer.state(EPOCH, 1, Map.of("a", "ok")));
			await().atMost(WAIT).until(() -> "ok".equals(client.getEnvironment().getProperty("a")));
			assertThat(ConfigCentreApps.invalidMessages(client, "config-updates")).isEqualTo(5);
			assertThat(ConfigCentreApps.centreProperties(client)).containsExactly(Map.entry("a", "ok"));
			assertThat(ConfigCentreApps.count(client, "zmq.config.client.gaps")).isZero();
		}
	}

	@Test
	void malformedSnapshotIsCountedAndTheClientAsksAgain() throws Exception {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (FakeConfigServer server = new FakeConfigServer(endpoints,
				FakeConfigServer.state(EPOCH, 0, Map.of("a", "1")))) {
			// a count of 2 entries with one entry's frames
			server.answerSnapshotsWith(List.of(ascii("ZCFG1-STATE"), new byte[8], new byte[8], new byte[] { 0, 0, 0, 2 },
					ascii("a"), ascii("1")));
			try (ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints,
					"zmq.config-client.startup-timeout=500ms", "zmq.config-client.snapshot-timeout=300ms")) {
				assertThat(client.getEnvironment().containsProperty("a")).isFalse();
				await().atMost(WAIT).until(() -> ConfigCentreApps.invalidMessages(client, "config-snapshot") >= 1);
				server.answerSnapshotsWith(null);
				await().atMost(WAIT).until(() -> "1".equals(client.getEnvironment().getProperty("a")));
			}
		}
	}

	/**
	 * A client whose subscription has reached the server, so that nothing sent from now on is
	 * lost, and which has heard the server's heartbeats.
	 */
	private static ConfigurableApplicationContext subscribedClient(ConfigCentreApps.Endpoints endpoints,
			FakeConfigServer server, String... properties) {
		ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints, properties);
		ZmqConfigClient config = client.getBean(ZmqConfigClient.class);
		await().atMost(WAIT).until(() -> server.getSubscriptions() >= 1 && config.isServerHeard());
		return client;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}

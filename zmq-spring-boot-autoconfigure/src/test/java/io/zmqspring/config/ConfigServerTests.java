package io.zmqspring.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.core.ZmqFrames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The configuration server: its sources, and its protocol as a peer in another language sees it
 * (raw JeroMQ sockets).
 */
class ConfigServerTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	@Test
	void directoryFilesAreServedAndWhatChangesInThemIsPublished() throws IOException {
		write("a.properties", "app.greeting=from-file\napp.x=1\n");
		write("b.yml", "app:\n  y: 2\n");
		write("notes.txt", "app.ignored=yes\n");
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.directory=" + this.directory, "zmq.config-server.directory-poll-interval=100ms",
				"zmq.config-server.properties.app.greeting=configured");
				ConfigurableApplicationContext client = ConfigCentreApps.client(endpoints)) {
			ZmqConfigServer config = server.getBean(ZmqConfigServer.class);
			assertThat(config.getProperties())
				.isEqualTo(Map.of("app.greeting", "from-file", "app.x", "1", "app.y", "2"));
			assertThat(client.getEnvironment().getProperty("app.greeting")).isEqualTo("from-file");
			config.publish("app.api", "set-by-api");
			write("a.properties", "app.z=3\n");
			Map<String, String> expected = Map.of("app.greeting", "configured", "app.y", "2", "app.z", "3", "app.api",
					"set-by-api");
			await().atMost(WAIT).until(() -> config.getProperties().equals(expected));
			await().atMost(WAIT).until(() -> ConfigCentreApps.centreProperties(client).equals(expected));
			assertThat(client.getBean(AppSettings.class).getGreeting()).isEqualTo("configured");
		}
	}

	@Test
	void missingDirectoryFailsStartupNamingTheProperty() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> ConfigCentreApps.server(endpoints,
					"zmq.config-server.directory=" + this.directory.resolve("missing")))
			.havingRootCause()
			.withMessageContaining("zmq.config-server.directory")
			.withMessageContaining("is not a directory");
	}

	@Test
	void rawRequestGetsTheSnapshotAndRawSubscriberGetsHeartbeats() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=grüezi", "zmq.config-server.properties.app.empty=");
				ZContext context = new ZContext(1)) {
			ZmqConfigServer config = server.getBean(ZmqConfigServer.class);
			config.publish("app.extra", "1");
			ZMQ.Socket req = peer(context, SocketType.REQ, endpoints.snapshot());
			req.send(ZmqConfigProtocol.SNAPSHOT_REQUEST);
			ZmqConfigSnapshot snapshot = ZmqConfigProtocol.readSnapshot(receive(req));
			assertThat(snapshot.epoch()).isEqualTo(config.getEpoch());
			assertThat(snapshot.sequence()).isEqualTo(1);
			assertThat(snapshot.properties())
				.isEqualTo(Map.of("app.greeting", "grüezi", "app.empty", "", "app.extra", "1"));

			ZMQ.Socket sub = peer(context, SocketType.SUB, endpoints.updates());
			sub.subscribe(ZmqConfigProtocol.TOPIC);
			ZmqConfigMessage heartbeat = ZmqConfigProtocol.readPublished(receive(sub));
			assertThat(heartbeat).isEqualTo(new ZmqConfigHeartbeat(config.getEpoch(), 1));
			assertThat(ConfigCentreApps.count(server, "zmq.config.server.snapshots")).isEqualTo(1);
		}
	}

	@Test
	void malformedRequestIsCountedAndTheServerGoesOnAnswering() {
		ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();
		try (ConfigurableApplicationContext server = ConfigCentreApps.server(endpoints,
				"zmq.config-server.properties.app.greeting=hello");
				ZContext context = new ZContext(1)) {
			ZMQ.Socket dealer = peer(context, SocketType.DEALER, endpoints.snapshot());
			ZmqFrames.send(dealer, List.of(new byte[0], "ZCFG1-WHAT".getBytes(StandardCharsets.US_ASCII)));
			ZmqFrames.send(dealer, List.of(new byte[0], ZmqConfigProtocol.snapshotRequest().get(0), new byte[1]));
			await().atMost(WAIT).until(() -> ConfigCentreApps.invalidMessages(server, "config-snapshot") == 2);
			ZmqFrames.send(dealer, List.of(new byte[0], ZmqConfigProtocol.snapshotRequest().get(0)));
			List<byte[]> reply = receive(dealer);
			// the only reply is the one to the valid request: the delimiter, then the snapshot
			assertThat(reply.get(0)).isEmpty();
			assertThat(ZmqConfigProtocol.readSnapshot(reply.subList(1, reply.size())).properties())
				.containsEntry("app.greeting", "hello");
			dealer.setReceiveTimeOut(0);
			assertThat(dealer.recv()).isNull();
		}
	}

	private static ZMQ.Socket peer(ZContext context, SocketType type, String endpoint) {
		ZMQ.Socket socket = context.createSocket(type);
		socket.setHandshakeIvl(1000);
		socket.setReconnectIVL(50);
		socket.setReceiveTimeOut(10_000);
		socket.connect(endpoint);
		return socket;
	}

	private static List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv();
		assertThat(first).as("a message within the receive timeout").isNotNull();
		List<byte[]> frames = new java.util.ArrayList<>(List.of(first));
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv());
		}
		return frames;
	}

	private void write(String name, String content) throws IOException {
		Path temporary = Files.createTempFile(this.directory.getParent(), "config", ".tmp");
		Files.writeString(temporary, content);
		Files.move(temporary, this.directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

}

package io.zmqspring.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata of {@code zmq.config-server.*} and {@code zmq.config-client.*}:
 * every property described, with its default where it has one.
 */
class ConfigCentreMetadataTests {

	private static JsonNode metadata;

	@BeforeAll
	static void readMetadata() throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL url : Collections.list(ConfigCentreMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode candidate = mapper.readTree(in);
				for (JsonNode group : candidate.path("groups")) {
					if (group.path("name").asString().equals("zmq.config-client")) {
						metadata = candidate;
					}
				}
			}
		}
		assertThat(metadata).as("metadata with a 'zmq.config-client' group on the class path").isNotNull();
	}

	@Test
	void everyPropertyOfTheCentreIsDescribed() {
		int described = 0;
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("zmq.config-server.") || name.startsWith("zmq.config-client.")) {
				assertThat(property.path("description").asString()).as(name).isNotBlank();
				described++;
			}
		}
		assertThat(described).isEqualTo(15);
	}

	@Test
	void defaultsAreVisible() {
		Map<String, String> defaults = Map.of("zmq.config-server.heartbeat-interval", "1s",
				"zmq.config-server.snapshot-socket", "config-snapshot", "zmq.config-server.publish-socket",
				"config-updates", "zmq.config-server.directory-poll-interval", "2s",
				"zmq.config-client.startup-timeout", "10s", "zmq.config-client.snapshot-timeout", "2s",
				"zmq.config-client.server-timeout", "5s", "zmq.config-client.updates-socket", "config-updates");
		defaults.forEach((name, value) -> assertThat(property(name).path("defaultValue").asString()).as(name)
			.isEqualTo(value));
	}

	@Test
	void switchesAreOffByDefaultAndDescribedAsWhether() {
		for (String name : new String[] { "zmq.config-server.enabled", "zmq.config-client.enabled",
				"zmq.config-client.fail-fast" }) {
			assertThat(property(name).path("defaultValue").asBoolean(true)).as(name).isFalse();
			assertThat(property(name).path("description").asString()).as(name).startsWith("Whether");
		}
		assertThat(property("zmq.config-client.rebind").path("defaultValue").asBoolean(false)).isTrue();
	}

	private static JsonNode property(String name) {
		for (JsonNode property : metadata.path("properties")) {
			if (property.path("name").asString().equals(name)) {
				return property;
			}
		}
		throw new AssertionError("No metadata for " + name);
	}

}

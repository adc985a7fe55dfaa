package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata generated for {@link ZmqProperties}, which IDEs use for completion
 * and documentation.
 */
class ZmqConfigurationMetadataTests {

	private static JsonNode metadata;

	@BeforeAll
	static void readMetadata() throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL url : Collections.list(ZmqConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode candidate = mapper.readTree(in);
				for (JsonNode group : candidate.path("groups")) {
					if (group.path("name").asString().equals("zmq")) {
						metadata = candidate;
					}
				}
			}
		}
		assertThat(metadata).as("metadata with a 'zmq' group on the class path").isNotNull();
	}

	@Test
	void zmqGroupIsBackedByZmqProperties() {
		assertThat(group("zmq").path("type").asString()).isEqualTo(ZmqProperties.class.getName());
	}

	@Test
	void ioThreadsIsDescribedWithItsDefault() {
		JsonNode property = property("zmq.context.io-threads");
		assertThat(property.path("type").asString()).isEqualTo("java.lang.Integer");
		assertThat(property.path("description").asString()).containsIgnoringCase("I/O threads");
		assertThat(property.path("defaultValue").asInt()).isEqualTo(1);
	}

	@Test
	void shutdownTimeoutIsDescribed() {
		assertThat(property("zmq.context.shutdown-timeout").path("description").asString()).isNotBlank();
	}

	@Test
	void defaultSendHwmIsDescribed() {
		JsonNode property = property("zmq.defaults.send-hwm");
		assertThat(property.path("type").asString()).isEqualTo("java.lang.Integer");
		assertThat(property.path("description").asString()).contains("ZMQ_SNDHWM");
	}

	@Test
	void defaultSendHwmDocumentsItsDefault() {
		assertThat(property("zmq.defaults.send-hwm").path("defaultValue").asInt()).isEqualTo(1000);
	}

	@Test
	void observationSwitchesAreDescribedAndOffByDefault() {
		for (String name : new String[] { "zmq.template.observation-enabled", "zmq.listener.observation-enabled" }) {
			JsonNode property = property(name);
			assertThat(property.path("type").asString()).isEqualTo("java.lang.Boolean");
			assertThat(property.path("description").asString()).startsWith("Whether to observe");
			assertThat(property.path("defaultValue").asBoolean(true)).isFalse();
		}
	}

	@Test
	void socketTypeHintsListEveryType() {
		assertThat(find("hints", "zmq.sockets.values.type").path("values").valueStream()
			.map((value) -> value.path("value").asString()))
			.containsExactlyInAnyOrder("PUB", "SUB", "XPUB", "XSUB", "PUSH", "PULL", "REQ", "REP", "DEALER", "ROUTER",
					"PAIR", "CLIENT", "SERVER");
	}

	@Test
	void maxMessageSizeIsADataSize() {
		assertThat(property("zmq.defaults.max-message-size").path("type").asString())
			.isEqualTo("org.springframework.util.unit.DataSize");
	}

	@Test
	void socketsAreAMapOfNamedSockets() {
		JsonNode property = property("zmq.sockets");
		assertThat(property.path("type").asString()).startsWith("java.util.Map<java.lang.String,")
			.contains("ZmqSocketProperties");
		assertThat(property.path("description").asString()).containsIgnoringCase("named sockets");
	}

	@Test
	void replyTimeoutIsDescribedWithItsDefault() {
		JsonNode property = property("zmq.template.reply-timeout");
		assertThat(property.path("type").asString()).isEqualTo("java.time.Duration");
		assertThat(property.path("description").asString()).containsIgnoringCase("reply");
		assertThat(property.path("defaultValue").asString()).isEqualTo("5s");
	}

	@Test
	void everyPropertyHasADescription() {
		assertThat(metadata.path("properties").valueStream())
			.filteredOn((property) -> property.path("name").asString().startsWith("zmq."))
			.isNotEmpty()
			.allSatisfy((property) -> assertThat(property.path("description").asString())
				.as(property.path("name").asString())
				.isNotBlank());
	}

	private static JsonNode property(String name) {
		return find("properties", name);
	}

	private static JsonNode group(String name) {
		return find("groups", name);
	}

	private static JsonNode find(String section, String name) {
		for (JsonNode node : metadata.path(section)) {
			if (node.path("name").asString().equals(name)) {
				return node;
			}
		}
		throw new AssertionError("No " + section + " entry named '" + name + "' in the metadata");
	}

}

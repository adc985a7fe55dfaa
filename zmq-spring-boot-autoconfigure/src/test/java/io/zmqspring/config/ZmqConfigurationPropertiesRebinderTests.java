package io.zmqspring.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@code @ConfigurationProperties} beans a change concerns: those whose prefix covers a
 * changed key, in any of Boot's relaxed forms.
 */
class ZmqConfigurationPropertiesRebinderTests {

	@Test
	void prefixCoversItsOwnKeysInRelaxedForms() {
		assertThat(ZmqConfigurationPropertiesRebinder.covers("app.http", List.of("app.http.read-timeout"))).isTrue();
		assertThat(ZmqConfigurationPropertiesRebinder.covers("app.http", List.of("app.http.readTimeout"))).isTrue();
		assertThat(ZmqConfigurationPropertiesRebinder.covers("app.http", List.of("app.http.headers[x-id]"))).isTrue();
	}

	@Test
	void prefixDoesNotCoverSiblingsOrParents() {
		assertThat(ZmqConfigurationPropertiesRebinder.covers("app.http", List.of("app.https.port", "app"))).isFalse();
	}

	@Test
	void emptyPrefixCoversEveryKey() {
		assertThat(ZmqConfigurationPropertiesRebinder.covers("", List.of("anything"))).isTrue();
	}

}

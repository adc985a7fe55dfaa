package io.zmqspring.actuate;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.zmqspring.proxy.ZmqProxyRegistry;
import io.zmqspring.test.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * Proxies in the {@code zmq} actuator endpoint and health indicator over real HTTP: listed with
 * their state and counts, paused, resumed, stopped and started by name.
 */
@SpringBootTest(classes = ZmqProxyActuatorWebIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,zmq",
				"management.endpoint.health.show-details=always", "zmq.defaults.linger=200ms" })
class ZmqProxyActuatorWebIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String FRONTEND = FreePorts.tcp();

	private static final String BACKEND = FreePorts.tcp();

	@DynamicPropertySource
	static void proxies(DynamicPropertyRegistry registry) {
		registry.add("zmq.sockets.tasks.type", () -> "PULL");
		registry.add("zmq.sockets.tasks.endpoints", () -> "@" + FRONTEND);
		registry.add("zmq.proxies.relay.frontend", () -> "tasks");
		registry.add("zmq.proxies.relay.backend.type", () -> "PUSH");
		registry.add("zmq.proxies.relay.backend.endpoints", () -> "@" + BACKEND);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ZmqProxyRegistry proxies;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@AfterEach
	void runAgain() {
		await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> this.proxies.start("relay"));
		this.proxies.resume("relay");
	}

	@Test
	void endpointListsTheProxyWithItsSocketsStateAndCounts() {
		this.client.get()
			.uri("/actuator/zmq")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.proxies.relay.kind").isEqualTo("STREAMER")
			.jsonPath("$.proxies.relay.state").isEqualTo("RUNNING")
			.jsonPath("$.proxies.relay.sockets.frontend.name").isEqualTo("tasks")
			.jsonPath("$.proxies.relay.sockets.frontend.type").isEqualTo("PULL")
			.jsonPath("$.proxies.relay.sockets.frontend.actualEndpoints[0]").isEqualTo(FRONTEND)
			.jsonPath("$.proxies.relay.sockets.backend.name").isEqualTo("relay-backend")
			.jsonPath("$.proxies.relay.messages.frontend-to-backend").isEqualTo(0)
			.jsonPath("$.proxies.relay.dropped").isEqualTo(0)
			.jsonPath("$.sockets.tasks").doesNotExist();
	}

	@Test
	void proxyIsPausedAndResumedThroughTheEndpointAndStaysUp() {
		this.client.post()
			.uri("/actuator/zmq/relay/pause")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("PAUSED");
		this.client.get().uri("/actuator/health/zmq").exchange().expectStatus().isOk();
		this.client.post()
			.uri("/actuator/zmq/relay/resume")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("RUNNING");
	}

	@Test
	void proxyStoppedThroughTheEndpointMakesHealthDownUntilStartedAgain() {
		this.client.post()
			.uri("/actuator/zmq/relay/stop")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("STOPPED");
		this.client.get()
			.uri("/actuator/health/zmq")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.details.proxies.relay.state").isEqualTo("STOPPED");
		await().atMost(WAIT)
			.untilAsserted(() -> this.client.post().uri("/actuator/zmq/relay/start").exchange().expectStatus().isOk());
		this.client.get()
			.uri("/actuator/health/zmq")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.details.proxies.relay.state").isEqualTo("RUNNING");
	}

	@Test
	void unknownProxyIsNotFoundAndUnknownActionIsABadRequest() {
		this.client.post().uri("/actuator/zmq/nobody/pause").exchange().expectStatus().isNotFound();
		this.client.post().uri("/actuator/zmq/relay/explode").exchange().expectStatus().isBadRequest();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}

package io.zmqspring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zmq} health indicator and actuator endpoint over real HTTP, in a web application on
 * a random port, with real sockets on the loopback interface.
 */
@SpringBootTest(classes = ZmqActuatorWebIntegrationTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,zmq",
				"management.endpoint.health.show-details=always", "zmq.defaults.linger=500ms",
				"zmq.defaults.reconnect-interval=50ms", "zmq.defaults.reconnect-interval-max=200ms" })
class ZmqActuatorWebIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String PIPE = FreePorts.tcp();

	private static final String SECRET_PEER = FreePorts.tcp();

	private static final String PASSWORD = "s3cret-wonderland";

	@DynamicPropertySource
	static void sockets(DynamicPropertyRegistry registry) {
		registry.add("pipe", () -> PIPE);
		registry.add("zmq.sockets.out.type", () -> "PUSH");
		registry.add("zmq.sockets.out.endpoints", () -> ">" + PIPE);
		registry.add("zmq.sockets.guarded.type", () -> "PUSH");
		registry.add("zmq.sockets.guarded.endpoints", () -> ">" + SECRET_PEER);
		registry.add("zmq.sockets.guarded.security.mechanism", () -> "PLAIN");
		registry.add("zmq.sockets.guarded.security.plain.username", () -> "alice");
		registry.add("zmq.sockets.guarded.security.plain.password", () -> PASSWORD);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ZmqTemplate template;

	@Autowired
	private ZmqListenerEndpointRegistry listenerRegistry;

	@Autowired
	private PullListener listener;

	@Autowired
	private ApplicationContext context;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@AfterEach
	void restartListener() {
		ZmqListenerContainer container = this.listenerRegistry.getListenerContainer("pull");
		assertThat(container).isNotNull();
		container.start();
	}

	@Test
	void healthIsUpWithDetailsOfSocketsAndListeners() {
		await().atMost(WAIT).untilAsserted(() -> this.client.get()
			.uri("/actuator/health/zmq")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.details.context.healthy").isEqualTo(true)
			.jsonPath("$.details.sockets.out.type").isEqualTo("PUSH")
			.jsonPath("$.details.sockets.out.state").isEqualTo("RUNNING")
			.jsonPath("$.details.sockets.out.failures").isEqualTo(0)
			.jsonPath("$.details.sockets.out.endpoints[0]").isEqualTo(PIPE)
			.jsonPath("$.details.sockets.pull.type").isEqualTo("PULL")
			.jsonPath("$.details.listeners.pull.running").isEqualTo(true)
			.jsonPath("$.details.listeners.pull.socket").isEqualTo("pull")
			.jsonPath("$.details.listeners.pull.socketState").isEqualTo("RUNNING"));
	}

	@Test
	void neitherHealthNorEndpointShowsPasswords() {
		String health = this.client.get().uri("/actuator/health/zmq").exchange().returnResult(String.class)
			.getResponseBody();
		String zmq = this.client.get().uri("/actuator/zmq").exchange().returnResult(String.class).getResponseBody();
		assertThat(health).contains("guarded").doesNotContain(PASSWORD).doesNotContainIgnoringCase("alice");
		assertThat(zmq).contains("guarded").doesNotContain(PASSWORD).doesNotContainIgnoringCase("alice");
	}

	@Test
	void endpointListsSocketsAndListeners() {
		this.client.get()
			.uri("/actuator/zmq")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sockets.out.type").isEqualTo("PUSH")
			.jsonPath("$.sockets.out.endpoints[0]").isEqualTo(">" + PIPE)
			.jsonPath("$.sockets.out.state").isEqualTo("RUNNING")
			.jsonPath("$.sockets.out.failures").isEqualTo(0)
			.jsonPath("$.sockets.guarded.type").isEqualTo("PUSH")
			.jsonPath("$.sockets.pull.type").isEqualTo("PULL")
			.jsonPath("$.sockets.pull.actualEndpoints[0]").isEqualTo(PIPE)
			.jsonPath("$.listeners.pull.id").isEqualTo("pull")
			.jsonPath("$.listeners.pull.socket").isEqualTo("pull")
			.jsonPath("$.listeners.pull.running").isEqualTo(true)
			.jsonPath("$.listeners.pull.socketState").isEqualTo("RUNNING")
			.jsonPath("$.listeners.pull.concurrency").isEqualTo(1);
		this.client.get()
			.uri("/actuator/zmq/pull")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id").isEqualTo("pull")
			.jsonPath("$.running").isEqualTo(true);
	}

	@Test
	void unknownListenerIsNotFound() {
		this.client.get().uri("/actuator/zmq/nobody").exchange().expectStatus().isNotFound();
		this.client.post().uri("/actuator/zmq/nobody").exchange().expectStatus().isNotFound();
		this.client.delete().uri("/actuator/zmq/nobody").exchange().expectStatus().isNotFound();
	}

	@Test
	void listenerStoppedThroughTheEndpointMakesHealthDownUntilStartedAgainAndThenReceives() {
		this.template.convertAndSend("out", "before");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.listener.received).contains("before"));
		this.client.delete()
			.uri("/actuator/zmq/pull")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.running").isEqualTo(false)
			.jsonPath("$.socketState").isEqualTo("CLOSED");
		this.client.get()
			.uri("/actuator/health/zmq")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status").isEqualTo("DOWN")
			.jsonPath("$.details.listeners.pull.running").isEqualTo(false);
		this.client.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503);
		this.client.post()
			.uri("/actuator/zmq/pull")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.running").isEqualTo(true);
		await().atMost(WAIT)
			.untilAsserted(() -> this.client.get()
				.uri("/actuator/health/zmq")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status").isEqualTo("UP"));
		// The PUSH may not have noticed yet that its connection to the stopped socket is gone, and
		// what it hands that connection is lost: send once it reconnected
		Handshakes.awaitGreeted(this.context, "pull", 1);
		this.template.convertAndSend("out", "after");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.listener.received).contains("after"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		PullListener pullListener() {
			return new PullListener();
		}

	}

	static class PullListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "pull", type = "PULL", endpoints = "@${pipe}")
		void receive(String message) {
			this.received.add(message);
		}

	}

}

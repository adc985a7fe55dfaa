package io.zmqspring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.proxy.ZmqProxy;
import io.zmqspring.proxy.ZmqProxyDefinition;
import io.zmqspring.proxy.ZmqProxyKind;
import io.zmqspring.proxy.ZmqProxyRegistry;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zmq} health indicator follows the proxies: a proxy that runs or is paused is up, one
 * that is stopped although it should run, or that died, is down.
 */
class ZmqProxyHealthTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ZContext context = new ZContext();

	private final ZmqSocketFactory factory = new ZmqSocketFactory(this.context, new ZmqSocketRegistry(List.of()),
			List.of(), Duration.ofSeconds(1));

	private final ZmqProxyRegistry proxies = new ZmqProxyRegistry(List.of(new ZmqProxyDefinition("relay",
			ZmqProxyKind.STREAMER, socket("relay-in", ZmqSocketType.PULL), socket("relay-out", ZmqSocketType.PUSH), null,
			true)), this.factory, ZmqMetrics.NONE, Set::of);

	private final ZmqHealthIndicator indicator = new ZmqHealthIndicator(this.factory.getOwners(),
			this.factory.getRegistry(), new ZmqListenerEndpointRegistry(new ZmqListenerContainerFactory(this.factory)),
			null, this.proxies);

	@AfterEach
	void close() {
		this.proxies.stop();
		this.context.close();
	}

	@Test
	void runningProxyIsUpWithItsKindStateAndCounts() {
		this.proxies.start();
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(proxyDetails(health)).containsEntry("kind", ZmqProxyKind.STREAMER)
			.containsEntry("state", ZmqProxy.State.RUNNING)
			.containsEntry("frontend-to-backend", 0L)
			.containsEntry("backend-to-frontend", 0L)
			.containsEntry("failures", 0L);
	}

	@Test
	void pausedProxyIsUp() {
		this.proxies.start();
		this.proxies.pause("relay");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(proxyDetails(health)).containsEntry("state", ZmqProxy.State.PAUSED);
	}

	@Test
	void proxyStoppedByNameWhileItShouldRunIsDown() {
		this.proxies.start();
		this.proxies.stop("relay");
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(proxyDetails(health)).containsEntry("state", ZmqProxy.State.STOPPED);
	}

	@Test
	void proxyThatDiedWithItsContextIsDown() {
		this.proxies.start();
		this.context.close();
		await().atMost(WAIT)
			.until(() -> this.proxies.getProxy("relay").getState() == ZmqProxy.State.FAILED);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(proxyDetails(health)).containsEntry("state", ZmqProxy.State.FAILED);
	}

	private static ZmqSocketDefinition socket(String name, ZmqSocketType type) {
		return new ZmqSocketDefinition(name, type, List.of(ZmqEndpoint.parse("@" + FreePorts.tcp(), true)), List.of(),
				ZmqSocketOptions.NONE);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> proxyDetails(Health health) {
		Map<String, Object> proxies = (Map<String, Object>) health.getDetails().get("proxies");
		return (Map<String, Object>) proxies.get("relay");
	}

}

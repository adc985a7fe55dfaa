package io.zmqspring.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One server, five clients, each a Spring application of its own: 1,000 updates while clients
 * are stopped and started and the server is restarted once; at the end every client's
 * {@code Environment} (and its rebound bean) equals the server's state.
 */
class ConfigCentreConsistencyTests {

	private static final int CLIENTS = 5;

	private static final int UPDATES = 1000;

	private static final int KEYS = 40;

	private final ConfigCentreApps.Endpoints endpoints = ConfigCentreApps.Endpoints.free();

	private final Object serverLock = new Object();

	private final AtomicInteger published = new AtomicInteger();

	private final ConfigurableApplicationContext[] clients = new ConfigurableApplicationContext[CLIENTS];

	/** Meters of the clients' closed applications: snapshots, gaps, restarts, updates. */
	private final double[] closed = new double[4];

	private ConfigurableApplicationContext server;

	@Test
	void everyClientEndsEqualToTheServerAfterAThousandUpdatesWithClientsStoppedAndTheServerRestarted()
			throws Exception {
		long start = System.nanoTime();
		this.server = ConfigCentreApps.server(this.endpoints, "zmq.config-server.properties[app.labels.k0]=first");
		for (int i = 0; i < CLIENTS; i++) {
			startClient(i);
		}
		Random random = new Random(20261203);
		ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
		long publishing = System.nanoTime();
		publisher.scheduleAtFixedRate(() -> publishOne(random), 0, 8, TimeUnit.MILLISECONDS);
		try {
			awaitPublished(150);
			stopClient(0);
			stopClient(1);
			awaitPublished(300);
			startClient(0);
			awaitPublished(400);
			restartServer();
			awaitPublished(550);
			startClient(1);
			stopClient(2);
			awaitPublished(700);
			startClient(2);
			stopClient(3);
			startClient(3);
			awaitPublished(UPDATES);
		}
		finally {
			publisher.shutdown();
			assertThat(publisher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		long published = System.nanoTime();
		Map<String, String> expected = currentServer().getProperties();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConfigurableApplicationContext client : this.clients) {
					if (!ConfigCentreApps.centreProperties(client).equals(expected)) {
						return false;
					}
				}
				return true;
			});
			long consistent = System.nanoTime();
			for (ConfigurableApplicationContext client : this.clients) {
				for (int key = 0; key < KEYS; key++) {
					String name = key(key);
					assertThat(client.getEnvironment().getProperty(name)).as(name).isEqualTo(expected.get(name));
				}
			}
			// the rebinding runs after the property source changed: wait for the last one
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				for (ConfigurableApplicationContext client : this.clients) {
					if (!client.getBean(AppSettings.class).getLabels().equals(labels(expected))) {
						return false;
					}
				}
				return true;
			});
			report(start, publishing, published, consistent);
		}
		finally {
			for (ConfigurableApplicationContext client : this.clients) {
				client.close();
			}
			currentServer();
			this.server.close();
		}
	}

	private void publishOne(Random random) {
		if (this.published.get() >= UPDATES) {
			return;
		}
		String key = key(random.nextInt(KEYS));
		synchronized (this.serverLock) {
			ZmqConfigServer config = this.server.getBean(ZmqConfigServer.class);
			long before = config.getSequence();
			if (random.nextInt(4) == 0) {
				config.remove(key);
			}
			else {
				config.publish(key, "v" + random.nextInt(1_000_000));
			}
			if (config.getSequence() != before) {
				this.published.incrementAndGet();
			}
		}
	}

	/** Restart the server with the state it had, as a server that keeps it would: a new epoch, sequence 0. */
	private void restartServer() {
		synchronized (this.serverLock) {
			Map<String, String> state = this.server.getBean(ZmqConfigServer.class).getProperties();
			this.server.close();
			List<String> properties = new ArrayList<>();
			state.forEach((key, value) -> properties.add("zmq.config-server.properties[" + key + "]=" + value));
			this.server = ConfigCentreApps.server(this.endpoints, properties.toArray(String[]::new));
		}
	}

	private ZmqConfigServer currentServer() {
		synchronized (this.serverLock) {
			return this.server.getBean(ZmqConfigServer.class);
		}
	}

	private void startClient(int index) {
		this.clients[index] = ConfigCentreApps.client(this.endpoints);
	}

	private void stopClient(int index) {
		ConfigurableApplicationContext client = this.clients[index];
		double[] figures = figures(client);
		for (int i = 0; i < figures.length; i++) {
			this.closed[i] += figures[i];
		}
		client.close();
	}

	private static double[] figures(ConfigurableApplicationContext client) {
		return new double[] { ConfigCentreApps.count(client, "zmq.config.client.snapshots"),
				ConfigCentreApps.count(client, "zmq.config.client.gaps"),
				ConfigCentreApps.count(client, "zmq.config.client.server.restarts"),
				ConfigCentreApps.count(client, "zmq.config.client.updates") };
	}

	private void awaitPublished(int count) {
		await().atMost(Duration.ofSeconds(60)).until(() -> this.published.get() >= count);
	}

	private void report(long start, long publishing, long published, long consistent) {
		double[] total = this.closed.clone();
		for (ConfigurableApplicationContext client : this.clients) {
			double[] figures = figures(client);
			for (int i = 0; i < figures.length; i++) {
				total[i] += figures[i];
			}
		}
		System.out.printf("Configuration centre consistency: %d updates published in %d ms; all %d clients equal to "
				+ "the server %d ms after the last one; %d ms in all. Over 9 client applications: %.0f snapshots "
				+ "(9 at startup), %.0f gaps, %.0f server restarts detected, %.0f updates applied%n", UPDATES,
				millis(publishing, published), CLIENTS, millis(published, consistent), millis(start, consistent),
				total[0], total[1], total[2], total[3]);
	}

	private static long millis(long from, long to) {
		return TimeUnit.NANOSECONDS.toMillis(to - from);
	}

	private static String key(int index) {
		// half of them bound by the clients' AppSettings bean, half only in the Environment
		return (index % 2 == 0) ? "app.labels.k" + index : "load.k" + index;
	}

	private static Map<String, String> labels(Map<String, String> properties) {
		Map<String, String> labels = new LinkedHashMap<>();
		properties.forEach((key, value) -> {
			if (key.startsWith("app.labels.")) {
				labels.put(key.substring("app.labels.".length()), value);
			}
		});
		return labels;
	}

}

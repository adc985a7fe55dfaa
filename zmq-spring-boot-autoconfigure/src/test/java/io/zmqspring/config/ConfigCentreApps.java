package io.zmqspring.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqConfigClientAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqConfigServerAutoConfiguration;

/**
 * Server and client applications of the configuration centre for tests, each a Spring
 * application of its own (the client's first snapshot comes through the environment post-processor).
 */
final class ConfigCentreApps {

	private ConfigCentreApps() {
	}

	/** The two tcp endpoints of one configuration centre. */
	record Endpoints(String snapshot, String updates) {

		static Endpoints free() {
			return new Endpoints(io.zmqspring.test.FreePorts.tcp(), io.zmqspring.test.FreePorts.tcp());
		}

	}

	static ConfigurableApplicationContext server(Endpoints endpoints, String... properties) {
		List<String> all = new ArrayList<>(List.of("zmq.config-server.enabled=true",
				"zmq.config-server.heartbeat-interval=100ms", "zmq.sockets.config-snapshot.type=ROUTER",
				"zmq.sockets.config-snapshot.endpoints=@" + endpoints.snapshot(),
				"zmq.sockets.config-updates.type=PUB", "zmq.sockets.config-updates.endpoints=@" + endpoints.updates()));
		all.addAll(List.of(properties));
		return run(ConfigApp.class, all);
	}

	static ConfigurableApplicationContext client(Endpoints endpoints, String... properties) {
		return run(ConfigApp.class, List.of(clientProperties(endpoints, properties)));
	}

	static String[] clientProperties(Endpoints endpoints, String... properties) {
		List<String> all = new ArrayList<>(List.of("zmq.config-client.enabled=true",
				"zmq.config-client.startup-timeout=10s", "zmq.config-client.snapshot-timeout=1s",
				"zmq.config-client.server-timeout=3s", "zmq.sockets.config-snapshot.type=DEALER",
				"zmq.sockets.config-snapshot.endpoints=>" + endpoints.snapshot(), "zmq.sockets.config-updates.type=SUB",
				"zmq.sockets.config-updates.endpoints=>" + endpoints.updates()));
		all.addAll(List.of(properties));
		all.addAll(COMMON);
		return all.toArray(String[]::new);
	}

	private static final List<String> COMMON = List.of("spring.main.banner-mode=off",
			"spring.main.log-startup-info=false", "zmq.context.shutdown-timeout=1s", "zmq.listener.stop-timeout=1s",
			// reconnect to a restarted server quickly, and retry a connect JeroMQ stalls (see README)
			"zmq.defaults.reconnect-interval=50ms", "zmq.defaults.reconnect-interval-max=200ms",
			"zmq.defaults.handshake-interval=1s");

	static ConfigurableApplicationContext run(Class<?> application, List<String> properties) {
		List<String> all = new ArrayList<>(COMMON);
		all.addAll(properties);
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	static double count(ConfigurableApplicationContext context, String meter) {
		Counter counter = context.getBean(MeterRegistry.class).find(meter).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static double invalidMessages(ConfigurableApplicationContext context, String socket) {
		return context.getBean(MeterRegistry.class)
			.find("zmq.listener.invalid.messages")
			.tag("socket", socket)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	static Map<String, String> centreProperties(ConfigurableApplicationContext client) {
		return client.getBean(ZmqConfigClient.class).getPropertySource().getProperties();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, ZmqConfigServerAutoConfiguration.class,
			ZmqConfigClientAutoConfiguration.class })
	@EnableConfigurationProperties(AppSettings.class)
	static class ConfigApp {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Changes changes(@Value("${test.listener-throws:false}") boolean throwing) {
			return new Changes(throwing);
		}

		@Bean
		Greeting greeting(@Value("${app.greeting:none}") String greeting) {
			return new Greeting(greeting);
		}

	}

	/** What {@code @Value} saw when the bean was created. */
	record Greeting(String value) {
	}

	/** Records every change event. */
	static class Changes {

		final List<ZmqConfigChangedEvent> events = new CopyOnWriteArrayList<>();

		private final boolean throwing;

		Changes(boolean throwing) {
			this.throwing = throwing;
		}

		@EventListener
		void changed(ZmqConfigChangedEvent event) {
			this.events.add(event);
			if (this.throwing) {
				throw new IllegalStateException("a listener that fails");
			}
		}

		boolean anyFrom(long epoch) {
			return this.events.stream().anyMatch((event) -> event.getEpoch() == epoch);
		}

		boolean anyNamed(String key) {
			return this.events.stream().anyMatch((event) -> event.getKeys().contains(key));
		}

	}

}

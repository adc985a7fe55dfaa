package io.zmqspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring Boot's own metrics and observation auto-configurations (what the actuator brings),
 * the socket meters bind to Boot's meter registry and observations become Boot's timers, whatever
 * order the auto-configurations are listed in.
 */
class ZmqBootMetricsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class));

	@Test
	void socketMetersAndTemplateObservationsReachBootsMeterRegistry() {
		String endpoint = FreePorts.tcp();
		this.runner
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.sockets.in.type=PULL",
					"zmq.sockets.in.endpoints=@" + endpoint, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ZmqSocketMeters.class);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 3; i++) {
					template.send("out", ("m" + i).getBytes(StandardCharsets.UTF_8));
				}
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(
							meters.get("zmq.socket.messages.sent").tag("socket", "out").functionCounter().count())
						.isEqualTo(3));
				assertThat(meters.get("zmq.template")
					.tag("zmq.socket", "out")
					.tag("zmq.operation", "send")
					.tag("zmq.outcome", "success")
					.tag("error", "none")
					.timer()
					.count()).isEqualTo(3);
			});
	}

}

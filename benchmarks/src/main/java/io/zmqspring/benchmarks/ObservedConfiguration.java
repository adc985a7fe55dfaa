package io.zmqspring.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code --observations} adds to every starter application: a meter registry and an
 * observation registry that records each observation as a timer, as Spring Boot's actuator does
 * when no tracer is present.
 */
@Configuration(proxyBeanMethods = false)
class ObservedConfiguration {

	static final String[] PROPERTIES = { "zmq.template.observation-enabled=true",
			"zmq.listener.observation-enabled=true" };

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

}

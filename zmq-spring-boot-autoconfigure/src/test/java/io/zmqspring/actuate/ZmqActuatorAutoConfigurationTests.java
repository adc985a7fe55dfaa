package io.zmqspring.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.actuate.autoconfigure.ZmqEndpointAutoConfiguration;
import io.zmqspring.actuate.autoconfigure.ZmqHealthContributorAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator auto-configurations add the health indicator and the endpoint only when the
 * actuator is there and they are wanted, and back off for the application's own beans.
 */
class ZmqActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqHealthContributorAutoConfiguration.class,
				ZmqEndpointAutoConfiguration.class));

	@Test
	void healthIndicatorIsAddedByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ZmqHealthIndicator.class).hasBean("zmqHealthIndicator");
			assertThat(context).doesNotHaveBean(ZmqActuatorEndpoint.class);
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.runner.withPropertyValues("management.health.zmq.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZmqHealthIndicator.class));
	}

	@Test
	void endpointIsAddedWhenExposedOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=zmq")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ZmqActuatorEndpoint.class)
				.hasSingleBean(ZmqActuatorEndpointWebExtension.class));
	}

	@Test
	void endpointCanBeDisabled() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=zmq", "management.endpoint.zmq.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZmqActuatorEndpoint.class));
	}

	@Test
	void everythingBacksOffWithoutActuatorAndZeroMqStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.withPropertyValues("management.endpoints.web.exposure.include=zmq")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(ZmqTemplate.class)
					.hasSingleBean(ZmqListenerEndpointRegistry.class)
					.doesNotHaveBean("zmqHealthIndicator")
					.doesNotHaveBean("zmqActuatorEndpoint")
					.doesNotHaveBean("zmqActuatorEndpointWebExtension");
			});
	}

	@Test
	void userDefinedHealthIndicatorAndEndpointWin() {
		this.runner.withUserConfiguration(UserBeans.class)
			.withPropertyValues("management.endpoints.web.exposure.include=zmq")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(ZmqHealthIndicator.class).isSameAs(context.getBean("customZmqHealth"));
				assertThat(context).getBean(ZmqActuatorEndpoint.class).isSameAs(context.getBean("customZmqEndpoint"));
				assertThat(context).hasSingleBean(ZmqActuatorEndpointWebExtension.class);
			});
	}

	@Test
	void healthIndicatorNamedLikeTheDefaultWins() {
		this.runner.withUserConfiguration(NamedHealth.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("zmqHealthIndicator")).isNotInstanceOf(ZmqHealthIndicator.class);
			assertThat(context).doesNotHaveBean(ZmqHealthIndicator.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		ZmqHealthIndicator customZmqHealth(ZmqSocketFactory factory, ZmqListenerEndpointRegistry registry) {
			return new ZmqHealthIndicator(factory.getOwners(), factory.getRegistry(), registry, null);
		}

		@Bean
		ZmqActuatorEndpoint customZmqEndpoint(ZmqSocketFactory factory, ZmqListenerEndpointRegistry registry) {
			return new ZmqActuatorEndpoint(factory, registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamedHealth {

		@Bean
		org.springframework.boot.health.contributor.HealthIndicator zmqHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}

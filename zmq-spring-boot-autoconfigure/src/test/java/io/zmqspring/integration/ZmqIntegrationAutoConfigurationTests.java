package io.zmqspring.integration;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Integration support is there when Spring Integration is, and the starter works the
 * same without it.
 */
class ZmqIntegrationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	@Test
	void withSpringIntegrationTheDslEntryPointsUseTheStartersFactoryAndTemplate() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ZmqIntegration.class);
			assertThat(context).hasSingleBean(ZmqListenerContainerFactory.class).hasSingleBean(ZmqTemplate.class);
		});
	}

	@Test
	void anApplicationsOwnEntryPointsReplaceTheAutoConfiguredOnes() {
		this.runner.withUserConfiguration(OwnEntryPoints.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqIntegration.class);
			assertThat(context.getBean(ZmqIntegration.class)).isSameAs(context.getBean("myZmqIntegration"));
		});
	}

	@Test
	void withoutSpringIntegrationOnTheClassPathItBacksOffAndTheStarterStillWorks() {
		String endpoint = Transport.INPROC.endpoint();
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.integration"))
			.withUserConfiguration(PullListener.class)
			.withPropertyValues("pull.endpoint=@" + endpoint, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ZmqIntegration.class);
				context.getBean(ZmqTemplate.class).send("out", "still working".getBytes(StandardCharsets.UTF_8));
				assertThat(context.getBean(PullListener.class).received.poll(20, TimeUnit.SECONDS))
					.isEqualTo("still working");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEntryPoints {

		@Bean
		ZmqIntegration myZmqIntegration(ZmqListenerContainerFactory factory, ZmqTemplate template) {
			return new ZmqIntegration(factory, template);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PullListener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@ZmqListener(type = "PULL", endpoints = "${pull.endpoint}")
		void receive(String text) {
			this.received.add(text);
		}

	}

}

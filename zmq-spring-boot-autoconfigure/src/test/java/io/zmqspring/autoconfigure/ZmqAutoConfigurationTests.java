package io.zmqspring.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListenerAnnotationBeanPostProcessor;
import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.StringZmqMessageConverter;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.MicrometerZmqMetrics;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans {@link ZmqAutoConfiguration} contributes, and how each backs off.
 */
class ZmqAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void contributesEveryBeanWithDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ZContext.class);
			assertThat(context).hasSingleBean(ZmqContextCloser.class);
			assertThat(context).hasSingleBean(ZmqSocketRegistry.class);
			assertThat(context).hasSingleBean(ZmqSocketFactory.class);
			assertThat(context).hasSingleBean(CompositeZmqMessageConverter.class);
			assertThat(context).hasSingleBean(ZmqTemplate.class);
			assertThat(context).hasSingleBean(ZmqListenerContainerFactory.class);
			assertThat(context).hasSingleBean(ZmqListenerEndpointRegistry.class);
			assertThat(context).hasSingleBean(ZmqMetrics.class);
			assertThat(context).hasSingleBean(ZmqListenerAnnotationBeanPostProcessor.class);
		});
	}

	@Test
	void registryIsEmptyWithoutConfiguredSockets() {
		this.runner.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefinitions()).isEmpty());
	}

	@Test
	void templateIsStartedWithTheContext() {
		this.runner.run((context) -> assertThat(context.getBean(ZmqTemplate.class).isRunning()).isTrue());
	}

	@Test
	void contextIsClosedWithTheApplicationContext() {
		ZContext[] holder = new ZContext[1];
		this.runner.run((context) -> {
			holder[0] = context.getBean(ZContext.class);
			assertThat(holder[0].isClosed()).isFalse();
		});
		assertThat(holder[0].isClosed()).isTrue();
	}

	@Test
	void metricsRecordNothingWithoutMeterRegistry() {
		this.runner.run((context) -> assertThat(context.getBean(ZmqMetrics.class)).isSameAs(ZmqMetrics.NONE));
	}

	@Test
	void metricsRecordNothingWithoutMicrometerOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context.getBean(ZmqMetrics.class)).isSameAs(ZmqMetrics.NONE));
	}

	@Test
	void metricsUseMicrometerWithMeterRegistry() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context.getBean(ZmqMetrics.class)).isInstanceOf(MicrometerZmqMetrics.class));
	}

	@Test
	void micrometerMetricsCountInTheApplicationsMeterRegistry() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			context.getBean(ZmqMetrics.class).replyTimeout("client");
			assertThat(context.getBean(SimpleMeterRegistry.class).get("zmq.replies.timeouts").tag("socket", "client")
				.counter().count()).isEqualTo(1.0);
		});
	}

	@Test
	void backsOffFromUserContext() {
		this.runner.withUserConfiguration(UserContextConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZContext.class);
			assertThat(context.getBean(ZContext.class)).isSameAs(context.getBean(UserContextConfiguration.class).context);
			assertThat(context.getBean(ZmqSocketFactory.class).getContext())
				.isSameAs(context.getBean(UserContextConfiguration.class).context);
		});
	}

	@Test
	void backsOffFromUserSocketRegistry() {
		this.runner.withBean("userRegistry", ZmqSocketRegistry.class, () -> new ZmqSocketRegistry(List.of()))
			.withPropertyValues("zmq.sockets.ignored.type=PUSH", "zmq.sockets.ignored.endpoints=>tcp://127.0.0.1:5555")
			.run((context) -> {
				assertThat(context).hasSingleBean(ZmqSocketRegistry.class);
				assertThat(context).hasBean("userRegistry");
				assertThat(context.getBean(ZmqSocketFactory.class).getRegistry())
					.isSameAs(context.getBean(ZmqSocketRegistry.class));
			});
	}

	@Test
	void backsOffFromUserSocketFactory() {
		this.runner.withUserConfiguration(UserSocketFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqSocketFactory.class);
			assertThat(context).hasBean("userSocketFactory");
		});
	}

	@Test
	void backsOffFromUserTemplate() {
		this.runner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqTemplate.class);
			assertThat(context).hasBean("userTemplate");
		});
	}

	@Test
	void backsOffFromUserMessageConverterChain() {
		CompositeZmqMessageConverter converter = new CompositeZmqMessageConverter(
				List.of(new StringZmqMessageConverter()));
		this.runner.withBean("userConverter", CompositeZmqMessageConverter.class, () -> converter).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(CompositeZmqMessageConverter.class);
			assertThat(context.getBean(CompositeZmqMessageConverter.class)).isSameAs(converter);
			assertThat(context.getBean(ZmqTemplate.class).getMessageConverter()).isSameAs(converter);
		});
	}

	@Test
	void backsOffFromUserListenerContainerFactory() {
		this.runner.withUserConfiguration(UserContainerFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqListenerContainerFactory.class);
			assertThat(context).hasBean("userContainerFactory");
			assertThat(context.getBean(ZmqListenerEndpointRegistry.class)).extracting("containerFactory")
				.isSameAs(context.getBean(ZmqListenerContainerFactory.class));
		});
	}

	@Test
	void backsOffFromUserListenerEndpointRegistry() {
		this.runner.withUserConfiguration(UserEndpointRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqListenerEndpointRegistry.class);
			assertThat(context).hasBean("userEndpointRegistry");
		});
	}

	@Test
	void backsOffFromUserMetrics() {
		ZmqMetrics metrics = new ZmqMetrics() {
		};
		this.runner.withBean(SimpleMeterRegistry.class).withBean("userMetrics", ZmqMetrics.class, () -> metrics)
			.run((context) -> {
				assertThat(context).hasSingleBean(ZmqMetrics.class);
				assertThat(context.getBean(ZmqMetrics.class)).isSameAs(metrics);
			});
	}

	@Test
	void listenerContainerFactoryCustomizerIsApplied() {
		ZmqListenerContainerFactory[] customized = new ZmqListenerContainerFactory[1];
		this.runner
			.withBean(ZmqListenerContainerFactoryCustomizer.class,
					() -> (factory) -> customized[0] = factory)
			.run((context) -> assertThat(customized[0]).isSameAs(context.getBean(ZmqListenerContainerFactory.class)));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserContextConfiguration {

		final ZContext context = new ZContext(1);

		@Bean
		ZContext userContext() {
			return this.context;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSocketFactoryConfiguration {

		@Bean
		ZmqSocketFactory userSocketFactory(ZContext context, ZmqSocketRegistry registry) {
			return new ZmqSocketFactory(context, registry, List.of(), java.time.Duration.ofSeconds(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		ZmqTemplate userTemplate(ZmqSocketFactory socketFactory) {
			return new ZmqTemplate(socketFactory, new StringZmqMessageConverter());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserContainerFactoryConfiguration {

		@Bean
		ZmqListenerContainerFactory userContainerFactory(ZmqSocketFactory socketFactory) {
			return new ZmqListenerContainerFactory(socketFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointRegistryConfiguration {

		@Bean
		ZmqListenerEndpointRegistry userEndpointRegistry(ZmqListenerContainerFactory factory) {
			return new ZmqListenerEndpointRegistry(factory);
		}

	}

}

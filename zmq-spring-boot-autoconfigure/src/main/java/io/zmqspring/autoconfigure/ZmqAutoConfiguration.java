package io.zmqspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.core.ZmqContextSupervisor;
import io.zmqspring.core.ZmqSocketCustomizer;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.event.AsyncZmqEventPublisher;
import io.zmqspring.event.PublishingZmqSocketEvents;
import io.zmqspring.event.ZmqEventPublisher;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.MicrometerZmqMetrics;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.proxy.ZmqProxyRegistry;
import io.zmqspring.observation.ZmqListenerObservationConvention;
import io.zmqspring.observation.ZmqTemplateObservationConvention;
import io.zmqspring.security.ZmqZapHandler;
import io.zmqspring.template.ZmqOperations;
import io.zmqspring.template.ZmqTemplate;

/**
 * Auto-configuration for ZeroMQ: the context, the named sockets of {@code zmq.sockets}, the
 * {@link ZmqTemplate}, and the infrastructure behind {@link io.zmqspring.annotation.ZmqListener}.
 * Every bean backs off when the application declares its own.
 *
 * @author zmq-spring-boot
 */
// After the meter registries exist (ZmqSocketMeters is conditional on one), as Boot orders its own
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(ZContext.class)
@EnableConfigurationProperties(ZmqProperties.class)
@Import({ ZmqMessageConverterConfiguration.class, ZmqAnnotationDrivenConfiguration.class,
		ZmqTransferConfiguration.class })
public class ZmqAutoConfiguration {

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ZContext zmqContext(ZmqProperties properties, ZmqMetrics zmqMetrics) {
		ZContext context = new ZContext(properties.getContext().getIoThreads());
		// before the first socket starts the I/O threads
		ZmqContextSupervisor.supervise(context, zmqMetrics);
		return context;
	}

	@Bean
	ZmqContextCloser zmqContextCloser(ZContext zmqContext, ZmqProperties properties) {
		return new ZmqContextCloser(zmqContext, properties.getContext().getShutdownTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqSocketRegistry zmqSocketRegistry(ZmqProperties properties) {
		ZmqSocketDefinitions.validate(properties);
		ZmqSocketOptions defaults = ZmqSocketDefinitions.defaults(properties);
		return new ZmqSocketRegistry(ZmqSocketDefinitions.sockets(properties, defaults), defaults);
	}

	/**
	 * The ZAP handler of the context. It starts only when a CURVE or PLAIN server socket opens,
	 * and stops after every socket closed, since the socket factory (and so every socket's owner)
	 * depends on it.
	 */
	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	ZmqZapHandler zmqZapHandler(ZContext zmqContext, ZmqMetrics zmqMetrics) {
		return new ZmqZapHandler(zmqContext, zmqMetrics);
	}

	/**
	 * Publishes socket and listener events as application events from its own thread, never
	 * from a socket's owner thread. Destroyed after the socket factory, whose owners use it.
	 */
	@Bean
	@ConditionalOnMissingBean
	ZmqEventPublisher zmqEventPublisher(ApplicationEventPublisher applicationEventPublisher, ZmqMetrics zmqMetrics) {
		return new AsyncZmqEventPublisher(applicationEventPublisher, zmqMetrics,
				AsyncZmqEventPublisher.DEFAULT_CAPACITY);
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqSocketFactory zmqSocketFactory(ZContext zmqContext, ZmqSocketRegistry zmqSocketRegistry,
			ObjectProvider<ZmqSocketCustomizer> customizers, ZmqProperties properties, ZmqMetrics zmqMetrics,
			ZmqZapHandler zmqZapHandler, ZmqEventPublisher zmqEventPublisher) {
		List<ZmqSocketCustomizer> all = new ArrayList<>();
		all.add(subscriptionCounting(ZmqSocketDefinitions.subscriberWaits(properties).keySet()));
		customizers.orderedStream().forEach(all::add);
		ZmqSocketFactory factory = new ZmqSocketFactory(zmqContext, zmqSocketRegistry, all,
				properties.getContext().getShutdownTimeout());
		factory.setZapHandler(zmqZapHandler);
		factory.getOwners().setMetrics(zmqMetrics);
		factory.getOwners().setSocketEvents(new PublishingZmqSocketEvents(zmqEventPublisher));
		factory.getOwners().setSendQueueCapacity(properties.getTemplate().getSendQueueCapacity());
		return factory;
	}

	/**
	 * Make the publishers that wait for their subscribers pass every subscription and
	 * unsubscription up (XPUB_VERBOSER), before they bind, so that the template counts each one.
	 */
	private static ZmqSocketCustomizer subscriptionCounting(Set<String> sockets) {
		return (definition, socket) -> {
			if (definition.type() == ZmqSocketType.XPUB && sockets.contains(definition.name())) {
				socket.setXpubVerboser(true);
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqTemplate zmqTemplate(ZmqSocketFactory zmqSocketFactory, CompositeZmqMessageConverter zmqMessageConverter,
			ZmqContentTypes zmqContentTypes, ZmqMetrics zmqMetrics, ZmqProperties properties,
			ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry, ObjectProvider<ZmqProxyRegistry> proxyRegistry,
			ObjectProvider<ZmqTemplateCustomizer> customizers, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ZmqTemplateObservationConvention> observationConvention) {
		ZmqTemplate template = new ZmqTemplate(zmqSocketFactory, zmqMessageConverter);
		ZmqProperties.Template settings = properties.getTemplate();
		template.setDefaultSocket(settings.getDefaultSocket());
		template.setReplyTimeout(settings.getReplyTimeout());
		template.setStopTimeout(properties.getContext().getShutdownTimeout());
		template.setMetrics(zmqMetrics);
		template.setSubscriberWaits(ZmqSocketDefinitions.subscriberWaits(properties));
		template.setContentTypes(zmqContentTypes);
		if (settings.isObservationEnabled()) {
			observationRegistry.ifUnique((registry) -> {
				template.setObservationRegistry(registry);
				template.setObservationConvention(observationConvention.getIfUnique());
				template.setObservationEnabled(true);
			});
		}
		ZmqSocketDefinitions.requestPolicies(properties).forEach(template::setRequestPolicy);
		template.setOpenOnStart((name) -> {
			ZmqListenerEndpointRegistry registry = listenerRegistry.getIfAvailable();
			ZmqProxyRegistry proxies = proxyRegistry.getIfAvailable();
			return (registry == null || !registry.getListenerSocketNames().contains(name))
					&& (proxies == null || !proxies.getProxySocketNames().contains(name));
		});
		customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqListenerContainerFactory zmqListenerContainerFactory(ZmqSocketFactory zmqSocketFactory,
			CompositeZmqMessageConverter zmqMessageConverter, ZmqMetrics zmqMetrics, ZmqProperties properties,
			ObjectProvider<ZmqListenerContainerFactoryCustomizer> customizers, Environment environment,
			ZmqEventPublisher zmqEventPublisher, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ZmqListenerObservationConvention> observationConvention,
			ObjectProvider<ZmqOperations> zmqOperations) {
		ZmqListenerContainerFactory factory = new ZmqListenerContainerFactory(zmqSocketFactory);
		factory.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		factory.setMetrics(zmqMetrics);
		factory.setReplyConverter(zmqMessageConverter);
		factory.setStopTimeout(properties.getListener().getStopTimeout());
		factory.setTimerEnabled(properties.getListener().isTimerEnabled());
		factory.setAsyncReplyTimeout(properties.getListener().getAsyncReplyTimeout());
		factory.setEventPublisher(zmqEventPublisher);
		if (properties.getListener().isObservationEnabled()) {
			observationRegistry.ifUnique((registry) -> {
				factory.setObservationRegistry(registry);
				factory.setObservationConvention(observationConvention.getIfUnique());
				factory.setObservationEnabled(true);
			});
		}
		factory.setReplyTemplate(zmqOperations.getIfUnique());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqListenerEndpointRegistry zmqListenerEndpointRegistry(ZmqListenerContainerFactory zmqListenerContainerFactory) {
		return new ZmqListenerEndpointRegistry(zmqListenerContainerFactory);
	}

	/**
	 * The proxies of {@code zmq.proxies}, started with the listener containers. Their sockets
	 * are opened through the socket factory, so they get every option and the security settings.
	 */
	@Bean
	@ConditionalOnMissingBean
	ZmqProxyRegistry zmqProxyRegistry(ZmqProperties properties, ZmqSocketFactory zmqSocketFactory,
			ZmqMetrics zmqMetrics, ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry) {
		return new ZmqProxyRegistry(ZmqProxyDefinitions.proxies(properties, zmqSocketFactory.getRegistry()),
				zmqSocketFactory, zmqMetrics, () -> {
					ZmqListenerEndpointRegistry registry = listenerRegistry.getIfAvailable();
					return (registry != null) ? registry.getListenerSocketNames() : Set.of();
				});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqMetrics zmqMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			MeterRegistry registry = meterRegistry.getIfUnique();
			return (registry != null) ? new MicrometerZmqMetrics(registry) : ZmqMetrics.NONE;
		}

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		ZmqSocketMeters zmqSocketMeters(MeterRegistry meterRegistry, ZmqSocketFactory zmqSocketFactory) {
			return new ZmqSocketMeters(meterRegistry, zmqSocketFactory);
		}

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		ZmqProxyMeters zmqProxyMeters(MeterRegistry meterRegistry, ZmqProxyRegistry zmqProxyRegistry) {
			return new ZmqProxyMeters(meterRegistry, zmqProxyRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
	static class NoMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqMetrics zmqMetrics() {
			return ZmqMetrics.NONE;
		}

	}

}

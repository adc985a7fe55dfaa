package io.zmqspring.actuate.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.zmqspring.actuate.ZmqHealthIndicator;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqContextSupervisor;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.proxy.ZmqProxyRegistry;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the {@link ZmqHealthIndicator}, when Spring Boot's health support is on the classpath. Turn
 * it off with {@code management.health.zmq.enabled=false}.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ ZmqSocketFactory.class, ZmqListenerEndpointRegistry.class })
public final class ZmqHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("zmq")
	@ConditionalOnMissingBean(value = ZmqHealthIndicator.class, name = { "zmqHealthIndicator", "zmqHealthContributor" })
	ZmqHealthIndicator zmqHealthIndicator(ZmqSocketFactory zmqSocketFactory,
			ZmqListenerEndpointRegistry zmqListenerEndpointRegistry, ObjectProvider<ZmqProxyRegistry> zmqProxyRegistry) {
		return new ZmqHealthIndicator(zmqSocketFactory.getOwners(), zmqSocketFactory.getRegistry(),
				zmqListenerEndpointRegistry, ZmqContextSupervisor.of(zmqSocketFactory.getContext()),
				zmqProxyRegistry.getIfAvailable());
	}

}

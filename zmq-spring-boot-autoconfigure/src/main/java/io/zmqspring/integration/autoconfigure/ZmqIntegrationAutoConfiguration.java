package io.zmqspring.integration.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.endpoint.MessageProducerSupport;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.template.ZmqOperations;

/**
 * Auto-configuration of the Spring Integration support: the {@link ZmqIntegration} DSL entry
 * points on the application's listener container factory and template. Active only when
 * {@code spring-integration-core} is on the class path; backs off for an application's own
 * {@link ZmqIntegration}.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass(MessageProducerSupport.class)
@ConditionalOnBean({ ZmqListenerContainerFactory.class, ZmqOperations.class })
public class ZmqIntegrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqIntegration zmqIntegration(ZmqListenerContainerFactory zmqListenerContainerFactory,
			ZmqOperations zmqTemplate) {
		return new ZmqIntegration(zmqListenerContainerFactory, zmqTemplate);
	}

}

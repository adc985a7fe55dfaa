package io.zmqspring.actuate.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.zmqspring.actuate.ZmqActuatorEndpoint;
import io.zmqspring.actuate.ZmqActuatorEndpointWebExtension;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.proxy.ZmqProxyRegistry;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the {@link ZmqActuatorEndpoint}, when Spring Boot's actuator is on the classpath and the
 * {@code zmq} endpoint is available (for example exposed with
 * {@code management.endpoints.web.exposure.include=zmq}).
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class ZmqEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean({ ZmqSocketFactory.class, ZmqListenerEndpointRegistry.class })
	ZmqActuatorEndpoint zmqActuatorEndpoint(ZmqSocketFactory zmqSocketFactory,
			ZmqListenerEndpointRegistry zmqListenerEndpointRegistry, ObjectProvider<ZmqProxyRegistry> zmqProxyRegistry) {
		return new ZmqActuatorEndpoint(zmqSocketFactory, zmqListenerEndpointRegistry,
				zmqProxyRegistry.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ZmqActuatorEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	ZmqActuatorEndpointWebExtension zmqActuatorEndpointWebExtension(ZmqActuatorEndpoint zmqActuatorEndpoint) {
		return new ZmqActuatorEndpointWebExtension(zmqActuatorEndpoint);
	}

}

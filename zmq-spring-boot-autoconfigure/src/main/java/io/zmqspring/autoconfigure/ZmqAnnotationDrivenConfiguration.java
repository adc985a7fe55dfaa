package io.zmqspring.autoconfigure;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

import io.zmqspring.annotation.ZmqListenerAnnotationBeanPostProcessor;

/**
 * Registers the post-processor that turns {@link io.zmqspring.annotation.ZmqListener} methods
 * into listener containers.
 *
 * @author zmq-spring-boot
 */
@Configuration(proxyBeanMethods = false)
class ZmqAnnotationDrivenConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static ZmqListenerAnnotationBeanPostProcessor zmqListenerAnnotationBeanPostProcessor() {
		return new ZmqListenerAnnotationBeanPostProcessor();
	}

}

package io.zmqspring.integration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;

import io.zmqspring.integration.dsl.ZmqIntegration;

/**
 * An inbound channel adapter {@code inAdapter} on the configured socket {@code in}, into the queue
 * channel {@code received}.
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
class ReceivingFlow {

	@Bean
	IntegrationFlow inbound(ZmqIntegration zmq) {
		return IntegrationFlow.from(zmq.inboundAdapter("in").id("inAdapter"))
			.channel((channels) -> channels.queue("received"))
			.get();
	}

}

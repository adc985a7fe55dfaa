package io.zmqspring.integration;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.PollableChannel;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Integration components are observed as listeners and the template are, when the
 * observations are on.
 */
class IntegrationObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> this.registry);

	@Test
	void theOutboundAdaptersSendsAndTheInboundAdaptersMessagesAreObserved() {
		String endpoint = Transport.INPROC.endpoint();
		this.runner.withUserConfiguration(ObservedFlows.class)
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.listener.observation-enabled=true",
					"zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean("toZmq", MessageChannel.class).send(MessageBuilder.withPayload("observed").build());
				assertThat(Received.next(context.getBean("received", PollableChannel.class)).getPayload())
					.isEqualTo("observed".getBytes());
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertThat(this.registry).hasObservationWithNameEqualTo("zmq.template")
						.that()
						.hasLowCardinalityKeyValue("zmq.socket", "out")
						.hasBeenStopped();
					assertThat(this.registry).hasObservationWithNameEqualTo("zmq.listener")
						.that()
						.hasLowCardinalityKeyValue("zmq.socket", "in")
						.hasBeenStopped();
				});
			});
	}

	@Configuration(proxyBeanMethods = false)
	@Import(ReceivingFlow.class)
	static class ObservedFlows {

		@Bean
		IntegrationFlow outbound(ZmqIntegration zmq) {
			return IntegrationFlow.from("toZmq").handle(zmq.outboundAdapter("out")).get();
		}

	}

}

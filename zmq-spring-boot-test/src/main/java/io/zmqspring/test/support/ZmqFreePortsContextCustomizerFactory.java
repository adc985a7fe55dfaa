package io.zmqspring.test.support;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context the {@link ZmqFreePortPropertySource}, so
 * {@code @SpringBootTest(properties = "zmq.sockets.orders.endpoints=@${zmq-test.endpoint.orders}")}
 * binds a free port. Registered in {@code META-INF/spring.factories}; each context (a cached
 * one included) keeps its own ports.
 *
 * @author zmq-spring-boot
 */
public class ZmqFreePortsContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new FreePortsCustomizer();
	}

	/** Adds the source; all instances are equal, so the context cache is not split by it. */
	private static final class FreePortsCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context,
				MergedContextConfiguration mergedConfig) {
			ZmqFreePortPropertySource.addTo(context.getEnvironment());
		}

		@Override
		public boolean equals(Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return FreePortsCustomizer.class.hashCode();
		}

	}

}

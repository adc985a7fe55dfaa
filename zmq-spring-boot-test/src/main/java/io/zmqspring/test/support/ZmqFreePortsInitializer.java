package io.zmqspring.test.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Adds the {@link ZmqFreePortPropertySource} ({@code ${zmq-test.port.<key>}},
 * {@code ${zmq-test.endpoint.<key>}}) to a context's environment. Spring test contexts
 * ({@code @SpringBootTest}, {@code @SpringJUnitConfig}) get it without this, through
 * {@link ZmqFreePortsContextCustomizerFactory}; use the initializer elsewhere, for example
 * {@code new ApplicationContextRunner().withInitializer(new ZmqFreePortsInitializer())} or
 * {@code SpringApplication.addInitializers(...)}.
 *
 * @author zmq-spring-boot
 */
public class ZmqFreePortsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		ZmqFreePortPropertySource.addTo(applicationContext.getEnvironment());
	}

}

package io.zmqspring.autoconfigure;

import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;

import io.zmqspring.config.ZmqConfigClient;
import io.zmqspring.config.ZmqConfigMetrics;
import io.zmqspring.config.ZmqConfigPropertySource;
import io.zmqspring.config.ZmqConfigurationPropertiesRebinder;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqTemplate;

/**
 * Auto-configuration of the configuration centre's client, with
 * {@code zmq.config-client.enabled=true}: a {@link ZmqConfigClient} on the sockets that
 * {@code zmq.config-client.snapshot-socket} (DEALER or REQ) and
 * {@code zmq.config-client.updates-socket} (SUB) name under {@code zmq.sockets}, following the
 * property source that {@link ZmqConfigClientEnvironmentPostProcessor} filled at startup, and a
 * {@link ZmqConfigurationPropertiesRebinder} unless {@code zmq.config-client.rebind=false}.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass(ZContext.class)
@ConditionalOnBooleanProperty("zmq.config-client.enabled")
@EnableConfigurationProperties(ZmqConfigClientProperties.class)
@Import(ZmqConfigMetricsConfiguration.class)
public class ZmqConfigClientAutoConfiguration {

	/**
	 * Check the client's durations.
	 * @param properties the properties
	 * @throws io.zmqspring.core.ZmqConfigurationException naming the first property at fault
	 */
	static void validate(ZmqConfigClientProperties properties) {
		ZmqConfigSockets.positive("zmq.config-client.startup-timeout", properties.getStartupTimeout());
		ZmqConfigSockets.positive("zmq.config-client.snapshot-timeout", properties.getSnapshotTimeout());
		ZmqConfigSockets.positive("zmq.config-client.server-timeout", properties.getServerTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "zmq.config-client.rebind", matchIfMissing = true)
	ZmqConfigurationPropertiesRebinder zmqConfigurationPropertiesRebinder(ApplicationContext applicationContext) {
		return new ZmqConfigurationPropertiesRebinder(applicationContext);
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqConfigClient zmqConfigClient(ZmqConfigClientProperties properties, ZmqTemplate zmqTemplate,
			ZmqListenerEndpointRegistry zmqListenerEndpointRegistry, ZmqSocketRegistry zmqSocketRegistry,
			ConfigurableEnvironment environment, ApplicationContext applicationContext,
			ObjectProvider<ZmqConfigurationPropertiesRebinder> rebinder, ZmqConfigMetrics zmqConfigMetrics,
			ZmqMetrics zmqMetrics) {
		validate(properties);
		String snapshotName = properties.getSnapshotSocket();
		ZmqConfigSockets.check("zmq.config-client.snapshot-socket", snapshotName,
				zmqSocketRegistry.findDefinition(snapshotName), ZmqConfigSockets.CLIENT_SNAPSHOT);
		String updatesName = properties.getUpdatesSocket();
		ZmqSocketDefinition updates = ZmqConfigSockets.subscribed("zmq.config-client.updates-socket",
				ZmqConfigSockets.check("zmq.config-client.updates-socket", updatesName,
						zmqSocketRegistry.findDefinition(updatesName), ZmqConfigSockets.CLIENT_UPDATES));
		ZmqConfigClient client = new ZmqConfigClient(zmqTemplate, zmqListenerEndpointRegistry, snapshotName, updates,
				ZmqConfigPropertySource.of(environment));
		client.setSnapshotTimeout(properties.getSnapshotTimeout());
		client.setServerTimeout(properties.getServerTimeout());
		client.setMetrics(zmqConfigMetrics);
		client.setZmqMetrics(zmqMetrics);
		client.setEventPublisher(applicationContext);
		client.setRebinder(properties.isRebind() ? rebinder.getIfUnique() : null);
		return client;
	}

}

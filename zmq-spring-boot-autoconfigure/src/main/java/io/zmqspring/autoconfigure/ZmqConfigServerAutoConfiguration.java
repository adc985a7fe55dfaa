package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;

import org.zeromq.ZContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.zmqspring.config.ZmqConfigDirectory;
import io.zmqspring.config.ZmqConfigMetrics;
import io.zmqspring.config.ZmqConfigServer;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqTemplate;

/**
 * Auto-configuration of the configuration centre's server, with
 * {@code zmq.config-server.enabled=true}: a {@link ZmqConfigServer} on the sockets that
 * {@code zmq.config-server.snapshot-socket} (ROUTER) and {@code zmq.config-server.publish-socket}
 * (PUB or XPUB) name under {@code zmq.sockets}.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass(ZContext.class)
@ConditionalOnBooleanProperty("zmq.config-server.enabled")
@EnableConfigurationProperties(ZmqConfigServerProperties.class)
@Import(ZmqConfigMetricsConfiguration.class)
public class ZmqConfigServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqConfigServer zmqConfigServer(ZmqConfigServerProperties properties, ZmqTemplate zmqTemplate,
			ZmqListenerEndpointRegistry zmqListenerEndpointRegistry, ZmqSocketRegistry zmqSocketRegistry,
			ZmqConfigMetrics zmqConfigMetrics, ZmqMetrics zmqMetrics) {
		ZmqConfigSockets.positive("zmq.config-server.heartbeat-interval", properties.getHeartbeatInterval());
		if (properties.getDirectoryPollInterval().isNegative()) {
			throw new ZmqConfigurationException("zmq.config-server.directory-poll-interval",
					properties.getDirectoryPollInterval(), "must not be negative (0 reads the directory once)");
		}
		String snapshotName = properties.getSnapshotSocket();
		ZmqSocketDefinition snapshot = ZmqConfigSockets.check("zmq.config-server.snapshot-socket", snapshotName,
				zmqSocketRegistry.findDefinition(snapshotName), ZmqConfigSockets.SERVER_SNAPSHOT);
		String publishName = properties.getPublishSocket();
		ZmqConfigSockets.check("zmq.config-server.publish-socket", publishName,
				zmqSocketRegistry.findDefinition(publishName), ZmqConfigSockets.SERVER_PUBLISH);
		ZmqConfigServer server = new ZmqConfigServer(zmqTemplate, zmqListenerEndpointRegistry, snapshot, publishName);
		server.setHeartbeatInterval(properties.getHeartbeatInterval());
		server.setDirectoryPollInterval(properties.getDirectoryPollInterval());
		server.setMetrics(zmqConfigMetrics);
		server.setZmqMetrics(zmqMetrics);
		String directory = properties.getDirectory();
		try {
			server.setSources(properties.getProperties(),
					(directory != null) ? new ZmqConfigDirectory(Path.of(directory)) : null);
		}
		catch (IOException ex) {
			throw new ZmqConfigurationException("zmq.config-server.directory", directory, ex.getMessage());
		}
		return server;
	}

}

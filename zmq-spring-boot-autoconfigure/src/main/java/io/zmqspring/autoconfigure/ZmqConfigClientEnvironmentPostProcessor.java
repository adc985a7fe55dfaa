package io.zmqspring.autoconfigure;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import io.zmqspring.config.ZmqConfigPropertySource;
import io.zmqspring.config.ZmqConfigProtocol;
import io.zmqspring.config.ZmqConfigSnapshot;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketOptions;

/**
 * Fetches the configuration client's first snapshot while the {@code Environment} is prepared,
 * right after the application's own configuration files are read and before any bean exists, and
 * adds it as the {@link ZmqConfigPropertySource} (first, behind the command line arguments): so
 * {@code @Value}, {@code @ConfigurationProperties} and conditions see the server's properties
 * from the start. With {@code zmq.config-client.fail-fast} startup fails when no snapshot arrived
 * within {@code zmq.config-client.startup-timeout}; otherwise the application starts without them
 * and the client takes them once the server answers.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigClientEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Right after the configuration files are read. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 100;

	private final Log logger;

	public ZmqConfigClientEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(ZmqConfigClientEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		ZmqConfigClientProperties client = binder.bind("zmq.config-client", ZmqConfigClientProperties.class)
			.orElseGet(ZmqConfigClientProperties::new);
		if (!client.isEnabled()) {
			return;
		}
		ZmqConfigClientAutoConfiguration.validate(client);
		ZmqConfigPropertySource source = ZmqConfigPropertySource.of(environment);
		if (source.isSynchronized()) {
			return;
		}
		ZmqProperties zmq = binder.bind("zmq", ZmqProperties.class).orElseGet(ZmqProperties::new);
		ZmqSocketOptions defaults = ZmqSocketDefinitions.defaults(zmq);
		String name = client.getSnapshotSocket();
		ZmqSocketProperties configured = zmq.getSockets().get(name);
		ZmqSocketDefinition socket = ZmqConfigSockets.check("zmq.config-client.snapshot-socket", name,
				(configured != null) ? ZmqSocketDefinitions.socket(name, "zmq.sockets." + name, configured, defaults)
						: null,
				ZmqConfigSockets.CLIENT_SNAPSHOT);
		long start = System.nanoTime();
		ZmqConfigSnapshot snapshot = ZmqConfigClientBootstrap.fetch(socket, defaults, client.getStartupTimeout(),
				client.getSnapshotTimeout(), zmq.getContext().getShutdownTimeout(), this.logger);
		if (snapshot != null) {
			source.replace(snapshot.epoch(), snapshot.sequence(), snapshot.properties());
			long millis = (System.nanoTime() - start) / 1_000_000;
			this.logger.info("Configuration centre: " + snapshot.properties().size() + " properties at sequence "
					+ snapshot.sequence() + " (epoch " + ZmqConfigProtocol.formatEpoch(snapshot.epoch()) + ") from "
					+ socket.describe() + " in " + millis + " ms");
			return;
		}
		String missing = "no snapshot from the configuration server on " + socket.describe() + " within "
				+ client.getStartupTimeout().toMillis() + " ms";
		if (client.isFailFast()) {
			throw new ZmqConfigurationException("zmq.config-client.fail-fast", true, missing
					+ "; start the server or check the socket, or set zmq.config-client.fail-fast=false to start "
					+ "without its properties");
		}
		this.logger.warn("Configuration centre: " + missing + "; starting without its properties, and taking them "
				+ "once the server answers (zmq.config-client.fail-fast=false)");
	}

}

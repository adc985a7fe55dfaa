package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configuration server of the configuration centre ({@link io.zmqspring.config.ZmqConfigServer}).
 * Its own prefix, {@code zmq.config-server}, rather than a field of {@link ZmqProperties}: the
 * centre is a feature of its own, bound before the context exists on the client side, and
 * {@link ZmqProperties} is large enough. Its sockets are ordinary sockets under
 * {@code zmq.sockets}, named here.
 *
 * @author zmq-spring-boot
 */
@ConfigurationProperties("zmq.config-server")
public class ZmqConfigServerProperties {

	/**
	 * Whether this application serves its configuration to configuration clients.
	 */
	private boolean enabled;

	/**
	 * Name of the ROUTER socket under zmq.sockets that answers snapshot requests.
	 */
	private String snapshotSocket = "config-snapshot";

	/**
	 * Name of the PUB or XPUB socket under zmq.sockets that updates and heartbeats are published on.
	 */
	private String publishSocket = "config-updates";

	/**
	 * Interval between two heartbeats on the publish socket; clients find a missed update or a
	 * restarted server from them.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(1);

	/**
	 * Properties served from the start, by key.
	 */
	private Map<String, String> properties = new LinkedHashMap<>();

	/**
	 * Directory whose .properties, .yml and .yaml files are served too; their keys win over
	 * 'properties'.
	 */
	private @Nullable String directory;

	/**
	 * Interval between two reads of the directory; what changed in its files is published
	 * (0 reads it once).
	 */
	private Duration directoryPollInterval = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getSnapshotSocket() {
		return this.snapshotSocket;
	}

	public void setSnapshotSocket(String snapshotSocket) {
		this.snapshotSocket = snapshotSocket;
	}

	public String getPublishSocket() {
		return this.publishSocket;
	}

	public void setPublishSocket(String publishSocket) {
		this.publishSocket = publishSocket;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Map<String, String> getProperties() {
		return this.properties;
	}

	public void setProperties(Map<String, String> properties) {
		this.properties = properties;
	}

	public @Nullable String getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable String directory) {
		this.directory = directory;
	}

	public Duration getDirectoryPollInterval() {
		return this.directoryPollInterval;
	}

	public void setDirectoryPollInterval(Duration directoryPollInterval) {
		this.directoryPollInterval = directoryPollInterval;
	}

}

package io.zmqspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configuration client of the configuration centre ({@link io.zmqspring.config.ZmqConfigClient}).
 * Its own prefix, {@code zmq.config-client}, rather than a field of {@link ZmqProperties}: the
 * client binds it before the application context exists, to fetch its first snapshot, and
 * {@link ZmqProperties} is large enough. Its sockets are ordinary sockets under
 * {@code zmq.sockets}, named here.
 *
 * @author zmq-spring-boot
 */
@ConfigurationProperties("zmq.config-client")
public class ZmqConfigClientProperties {

	/**
	 * Whether this application takes properties from a configuration server.
	 */
	private boolean enabled;

	/**
	 * Name of the DEALER or REQ socket under zmq.sockets that snapshots are requested on.
	 */
	private String snapshotSocket = "config-snapshot";

	/**
	 * Name of the SUB socket under zmq.sockets that updates and heartbeats arrive on.
	 */
	private String updatesSocket = "config-updates";

	/**
	 * How long startup waits for the first snapshot.
	 */
	private Duration startupTimeout = Duration.ofSeconds(10);

	/**
	 * Whether startup fails when no snapshot arrived within the startup timeout; otherwise the
	 * application starts without the server's properties and takes them once the server answers.
	 */
	private boolean failFast;

	/**
	 * How long one snapshot request waits for its reply before it is sent again.
	 */
	private Duration snapshotTimeout = Duration.ofSeconds(2);

	/**
	 * How long the server may stay silent (no update, no heartbeat) before the client considers
	 * it gone and takes a snapshot once it is heard again; longer than the server's heartbeat
	 * interval.
	 */
	private Duration serverTimeout = Duration.ofSeconds(5);

	/**
	 * Whether @ConfigurationProperties beans whose prefix covers a changed key are bound again.
	 */
	private boolean rebind = true;

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

	public String getUpdatesSocket() {
		return this.updatesSocket;
	}

	public void setUpdatesSocket(String updatesSocket) {
		this.updatesSocket = updatesSocket;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Duration getSnapshotTimeout() {
		return this.snapshotTimeout;
	}

	public void setSnapshotTimeout(Duration snapshotTimeout) {
		this.snapshotTimeout = snapshotTimeout;
	}

	public Duration getServerTimeout() {
		return this.serverTimeout;
	}

	public void setServerTimeout(Duration serverTimeout) {
		this.serverTimeout = serverTimeout;
	}

	public boolean isRebind() {
		return this.rebind;
	}

	public void setRebind(boolean rebind) {
		this.rebind = rebind;
	}

}

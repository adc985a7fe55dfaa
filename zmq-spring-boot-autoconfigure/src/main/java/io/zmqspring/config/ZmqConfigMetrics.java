package io.zmqspring.config;

import java.util.function.LongSupplier;

/**
 * The meters of the configuration centre. The Micrometer implementation,
 * {@link MicrometerZmqConfigMetrics}, is used when a {@code MeterRegistry} bean exists;
 * otherwise nothing is recorded beyond the log lines. Malformed messages are counted with the
 * starter's other invalid messages, as {@code zmq.listener.invalid.messages}.
 *
 * @author zmq-spring-boot
 */
public interface ZmqConfigMetrics {

	/** Records nothing. */
	ZmqConfigMetrics NONE = new ZmqConfigMetrics() {
	};

	/** A client applied an update. */
	default void updateApplied() {
	}

	/** A client replaced its state with a snapshot. */
	default void snapshot() {
	}

	/** A client found that it missed updates: a gap in the sequence, or a heartbeat ahead of it. */
	default void gap() {
	}

	/** A client found that its server restarted: another epoch, or a sequence that went backwards. */
	default void serverRestart() {
	}

	/**
	 * Measure a client's sequence number. Called once per client.
	 * @param sequence reads the number of the last update the client has
	 */
	default void clientSequence(LongSupplier sequence) {
	}

	/** A server published an update. */
	default void updatePublished() {
	}

	/** A server answered a snapshot request. */
	default void snapshotServed() {
	}

	/**
	 * Measure a server's sequence number. Called once per server.
	 * @param sequence reads the number of the server's last update
	 */
	default void serverSequence(LongSupplier sequence) {
	}

}

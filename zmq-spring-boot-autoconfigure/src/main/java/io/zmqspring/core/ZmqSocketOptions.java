package io.zmqspring.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The options applied to a socket before it binds or connects. A {@code null} value leaves
 * JeroMQ's own default in place.
 *
 * @param sendHwm high-water mark for outbound messages
 * @param receiveHwm high-water mark for inbound messages
 * @param linger how long unsent messages are kept after close
 * @param reconnectInterval initial reconnect interval
 * @param reconnectIntervalMax maximum reconnect interval, for exponential back-off
 * @param heartbeatInterval interval between ZMTP heartbeats, zero to disable
 * @param heartbeatTimeout how long to wait for a heartbeat reply before the connection is dropped
 * @param heartbeatTtl time-to-live the peer is asked to apply to this connection
 * @param sendTimeout how long a send may wait when the message cannot be queued
 * @param maxMessageSize largest inbound message in bytes, {@code -1} for no limit
 * @param immediate whether messages are queued only on completed connections
 * @param handshakeInterval longest time a new connection may take for the ZMTP handshake
 * @param routingId routing id announced to ROUTER peers
 * @author zmq-spring-boot
 */
public record ZmqSocketOptions(@Nullable Integer sendHwm, @Nullable Integer receiveHwm, @Nullable Duration linger,
		@Nullable Duration reconnectInterval, @Nullable Duration reconnectIntervalMax,
		@Nullable Duration heartbeatInterval, @Nullable Duration heartbeatTimeout, @Nullable Duration heartbeatTtl,
		@Nullable Duration sendTimeout, @Nullable Long maxMessageSize, @Nullable Boolean immediate,
		@Nullable Duration handshakeInterval, @Nullable String routingId) {

	/** Options that leave every JeroMQ default in place. */
	public static final ZmqSocketOptions NONE = new ZmqSocketOptions(null, null, null, null, null, null, null, null,
			null, null, null, null, null);

	/**
	 * Return a copy with another routing id.
	 * @param routingId the routing id
	 * @return the copy
	 */
	public ZmqSocketOptions withRoutingId(@Nullable String routingId) {
		return new ZmqSocketOptions(this.sendHwm, this.receiveHwm, this.linger, this.reconnectInterval,
				this.reconnectIntervalMax, this.heartbeatInterval, this.heartbeatTimeout, this.heartbeatTtl,
				this.sendTimeout, this.maxMessageSize, this.immediate, this.handshakeInterval, routingId);
	}

	/**
	 * Return the linger to use, falling back to one second.
	 * @return the linger
	 */
	public Duration lingerOrDefault() {
		return (this.linger != null) ? this.linger : Duration.ofSeconds(1);
	}

	/**
	 * Return the send timeout to use, falling back to one second.
	 * @return the send timeout
	 */
	public Duration sendTimeoutOrDefault() {
		return (this.sendTimeout != null) ? this.sendTimeout : Duration.ofSeconds(1);
	}

}

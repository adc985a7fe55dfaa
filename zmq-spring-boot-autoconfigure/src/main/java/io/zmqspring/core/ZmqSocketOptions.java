package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.security.ZmqSecurity;

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
 * @param security the security mechanism and its keys or credentials
 * @param headers whether the socket sends and reads the header frame, and which headers
 * @author zmq-spring-boot
 */
public record ZmqSocketOptions(@Nullable Integer sendHwm, @Nullable Integer receiveHwm, @Nullable Duration linger,
		@Nullable Duration reconnectInterval, @Nullable Duration reconnectIntervalMax,
		@Nullable Duration heartbeatInterval, @Nullable Duration heartbeatTimeout, @Nullable Duration heartbeatTtl,
		@Nullable Duration sendTimeout, @Nullable Long maxMessageSize, @Nullable Boolean immediate,
		@Nullable Duration handshakeInterval, @Nullable String routingId, ZmqSecurity security,
		ZmqHeaderSettings headers) {

	/** The largest value of an option that JeroMQ takes in milliseconds as an {@code int}. */
	private static final Duration MAX_MILLIS = Duration.ofMillis(Integer.MAX_VALUE);

	/** The largest heartbeat TTL JeroMQ takes: 6553 deciseconds, given in milliseconds. */
	private static final Duration MAX_HEARTBEAT_TTL = Duration.ofMillis(655_399);

	private static final int MAX_ROUTING_ID_BYTES = 255;

	public ZmqSocketOptions {
		Assert.notNull(security, "'security' must not be null");
		Assert.notNull(headers, "'headers' must not be null");
	}

	/**
	 * Create options without the header frame.
	 * @param sendHwm high-water mark for outbound messages
	 * @param receiveHwm high-water mark for inbound messages
	 * @param linger how long unsent messages are kept after close
	 * @param reconnectInterval initial reconnect interval
	 * @param reconnectIntervalMax maximum reconnect interval
	 * @param heartbeatInterval interval between ZMTP heartbeats
	 * @param heartbeatTimeout heartbeat timeout
	 * @param heartbeatTtl heartbeat time-to-live
	 * @param sendTimeout send timeout
	 * @param maxMessageSize largest inbound message
	 * @param immediate whether messages are queued only on completed connections
	 * @param handshakeInterval longest handshake
	 * @param routingId routing id
	 * @param security the security mechanism and its keys or credentials
	 */
	public ZmqSocketOptions(@Nullable Integer sendHwm, @Nullable Integer receiveHwm, @Nullable Duration linger,
			@Nullable Duration reconnectInterval, @Nullable Duration reconnectIntervalMax,
			@Nullable Duration heartbeatInterval, @Nullable Duration heartbeatTimeout, @Nullable Duration heartbeatTtl,
			@Nullable Duration sendTimeout, @Nullable Long maxMessageSize, @Nullable Boolean immediate,
			@Nullable Duration handshakeInterval, @Nullable String routingId, ZmqSecurity security) {
		this(sendHwm, receiveHwm, linger, reconnectInterval, reconnectIntervalMax, heartbeatInterval,
				heartbeatTimeout, heartbeatTtl, sendTimeout, maxMessageSize, immediate, handshakeInterval, routingId,
				security, ZmqHeaderSettings.DISABLED);
	}

	/**
	 * Create options without security (the NULL mechanism).
	 * @param sendHwm high-water mark for outbound messages
	 * @param receiveHwm high-water mark for inbound messages
	 * @param linger how long unsent messages are kept after close
	 * @param reconnectInterval initial reconnect interval
	 * @param reconnectIntervalMax maximum reconnect interval
	 * @param heartbeatInterval interval between ZMTP heartbeats
	 * @param heartbeatTimeout heartbeat timeout
	 * @param heartbeatTtl heartbeat time-to-live
	 * @param sendTimeout send timeout
	 * @param maxMessageSize largest inbound message
	 * @param immediate whether messages are queued only on completed connections
	 * @param handshakeInterval longest handshake
	 * @param routingId routing id
	 */
	public ZmqSocketOptions(@Nullable Integer sendHwm, @Nullable Integer receiveHwm, @Nullable Duration linger,
			@Nullable Duration reconnectInterval, @Nullable Duration reconnectIntervalMax,
			@Nullable Duration heartbeatInterval, @Nullable Duration heartbeatTimeout, @Nullable Duration heartbeatTtl,
			@Nullable Duration sendTimeout, @Nullable Long maxMessageSize, @Nullable Boolean immediate,
			@Nullable Duration handshakeInterval, @Nullable String routingId) {
		this(sendHwm, receiveHwm, linger, reconnectInterval, reconnectIntervalMax, heartbeatInterval,
				heartbeatTimeout, heartbeatTtl, sendTimeout, maxMessageSize, immediate, handshakeInterval, routingId,
				ZmqSecurity.NONE);
	}

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
				this.sendTimeout, this.maxMessageSize, this.immediate, this.handshakeInterval, routingId,
				this.security, this.headers);
	}

	/**
	 * Return a copy with other security settings.
	 * @param otherSecurity the security mechanism and its keys or credentials
	 * @return the copy
	 */
	public ZmqSocketOptions withSecurity(ZmqSecurity otherSecurity) {
		return new ZmqSocketOptions(this.sendHwm, this.receiveHwm, this.linger, this.reconnectInterval,
				this.reconnectIntervalMax, this.heartbeatInterval, this.heartbeatTimeout, this.heartbeatTtl,
				this.sendTimeout, this.maxMessageSize, this.immediate, this.handshakeInterval, this.routingId,
				otherSecurity, this.headers);
	}

	/**
	 * Return a copy with other header frame settings.
	 * @param otherHeaders whether the socket sends and reads the header frame, and which headers
	 * @return the copy
	 */
	public ZmqSocketOptions withHeaders(ZmqHeaderSettings otherHeaders) {
		return new ZmqSocketOptions(this.sendHwm, this.receiveHwm, this.linger, this.reconnectInterval,
				this.reconnectIntervalMax, this.heartbeatInterval, this.heartbeatTimeout, this.heartbeatTtl,
				this.sendTimeout, this.maxMessageSize, this.immediate, this.handshakeInterval, this.routingId,
				this.security, otherHeaders);
	}

	/**
	 * Check every option against the range JeroMQ 0.6.0 accepts, so that a value it would reject
	 * fails at startup with the property's name instead of a bare exception from JeroMQ when the
	 * socket opens.
	 * @param propertyPrefix the prefix of the properties the options come from, for example
	 * {@code zmq.sockets.api} or {@code zmq.defaults}
	 * @throws ZmqConfigurationException naming the first option out of range, for example
	 * {@code zmq.sockets.api.heartbeat-ttl}
	 */
	public void validate(String propertyPrefix) {
		Assert.notNull(propertyPrefix, "'propertyPrefix' must not be null");
		String prefix = propertyPrefix + ".";
		checkHwm(prefix + "send-hwm", this.sendHwm);
		checkHwm(prefix + "receive-hwm", this.receiveHwm);
		checkMillis(prefix + "linger", this.linger);
		checkMillis(prefix + "reconnect-interval", this.reconnectInterval);
		checkMillis(prefix + "reconnect-interval-max", this.reconnectIntervalMax);
		checkMillis(prefix + "heartbeat-interval", this.heartbeatInterval);
		checkMillis(prefix + "heartbeat-timeout", this.heartbeatTimeout);
		checkMillis(prefix + "heartbeat-ttl", this.heartbeatTtl, MAX_HEARTBEAT_TTL,
				"JeroMQ keeps it in tenths of a second and takes at most 6553 of them");
		checkHeartbeatTimeout(prefix + "heartbeat-timeout");
		checkMillis(prefix + "send-timeout", this.sendTimeout);
		checkMillis(prefix + "handshake-interval", this.handshakeInterval);
		if (this.maxMessageSize != null && this.maxMessageSize < -1) {
			throw new ZmqConfigurationException(prefix + "max-message-size", this.maxMessageSize + "B",
					"must not be negative (-1 means no limit)");
		}
		checkRoutingId(prefix + "routing-id", this.routingId);
		this.headers.validate(prefix + "headers");
	}

	/**
	 * JeroMQ 0.6.0 loses a connection's heartbeat timeout once a heartbeat reply cancelled it and
	 * the next heartbeat armed it again before the cancelled timer was purged, which happens when
	 * the timeout is not shorter than the interval: a peer that goes silent is then never
	 * dropped. Such a value is refused rather than left to fail silently.
	 */
	private void checkHeartbeatTimeout(String property) {
		Duration interval = this.heartbeatInterval;
		Duration timeout = this.heartbeatTimeout;
		if (interval == null || interval.isZero() || timeout == null || timeout.isZero()
				|| timeout.compareTo(interval) < 0) {
			return;
		}
		throw new ZmqConfigurationException(property, timeout, "must be shorter than the heartbeat-interval ("
				+ interval.toMillis() + "ms): JeroMQ 0.6.0 loses the heartbeat timeout of a connection after the "
				+ "peer's first heartbeat reply when it is not, so a peer that goes silent would never be dropped");
	}

	/**
	 * Return the heartbeat timeout to give JeroMQ: the one set, or with heartbeats on and none
	 * set, one millisecond less than the interval. JeroMQ's own default, the interval itself,
	 * would lose the timeout (see {@link #validate(String)}).
	 * @return the timeout, or {@code null} to leave JeroMQ's default
	 */
	public @Nullable Duration heartbeatTimeoutOrDefault() {
		Duration interval = this.heartbeatInterval;
		if (this.heartbeatTimeout != null || interval == null || interval.toMillis() < 2) {
			return this.heartbeatTimeout;
		}
		return interval.minusMillis(1);
	}

	private static void checkHwm(String property, @Nullable Integer value) {
		if (value != null && value < 0) {
			throw new ZmqConfigurationException(property, value, "must not be negative (0 means no limit)");
		}
	}

	private static void checkMillis(String property, @Nullable Duration value) {
		checkMillis(property, value, MAX_MILLIS,
				"the largest number of milliseconds JeroMQ takes, about 24.8 days");
	}

	private static void checkMillis(String property, @Nullable Duration value, Duration max, String why) {
		if (value == null) {
			return;
		}
		if (value.isNegative()) {
			throw new ZmqConfigurationException(property, value, "must not be negative");
		}
		if (value.compareTo(max) > 0) {
			throw new ZmqConfigurationException(property, value,
					"must be at most " + max.toMillis() + "ms (" + why + ")");
		}
	}

	private static void checkRoutingId(String property, @Nullable String routingId) {
		if (routingId == null) {
			return;
		}
		byte[] bytes = routingId.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < 1 || bytes.length > MAX_ROUTING_ID_BYTES) {
			throw new ZmqConfigurationException(property, routingId, "must be 1 to " + MAX_ROUTING_ID_BYTES
					+ " bytes long in UTF-8, but is " + bytes.length + " bytes long");
		}
		if (bytes[0] == 0) {
			throw new ZmqConfigurationException(property, routingId,
					"must not start with a zero byte: ZeroMQ reserves those for the routing ids it generates");
		}
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

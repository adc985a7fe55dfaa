package io.zmqspring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Socket options. Unset values fall back to {@code zmq.defaults}.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketOptionsProperties {

	/**
	 * High-water mark for outbound messages, per peer (ZMQ_SNDHWM); 0 means no limit.
	 */
	private @Nullable Integer sendHwm;

	/**
	 * High-water mark for inbound messages, per peer (ZMQ_RCVHWM); 0 means no limit.
	 */
	private @Nullable Integer receiveHwm;

	/**
	 * How long unsent messages are kept after the socket closes (ZMQ_LINGER); capped to the
	 * context's shutdown timeout.
	 */
	private @Nullable Duration linger;

	/**
	 * Initial reconnect interval (ZMQ_RECONNECT_IVL).
	 */
	private @Nullable Duration reconnectInterval;

	/**
	 * Maximum reconnect interval for exponential back-off (ZMQ_RECONNECT_IVL_MAX); 0 turns
	 * back-off off.
	 */
	private @Nullable Duration reconnectIntervalMax;

	/**
	 * Interval between ZMTP heartbeats (ZMQ_HEARTBEAT_IVL); 0 disables heartbeats.
	 */
	private @Nullable Duration heartbeatInterval;

	/**
	 * How long to wait for a heartbeat reply before the connection is dropped
	 * (ZMQ_HEARTBEAT_TIMEOUT); defaults to the heartbeat interval.
	 */
	private @Nullable Duration heartbeatTimeout;

	/**
	 * Time-to-live the peer is asked to apply to this connection (ZMQ_HEARTBEAT_TTL).
	 */
	private @Nullable Duration heartbeatTtl;

	/**
	 * How long a template send waits for room when the socket cannot take more messages
	 * before it fails.
	 */
	private @Nullable Duration sendTimeout;

	/**
	 * Largest inbound message; a larger one drops the connection (ZMQ_MAXMSGSIZE). Unset
	 * means 1MB for a socket that binds, since JeroMQ allocates a frame's declared size before
	 * its bytes arrive and any peer can reach a bound port, and no limit for a socket that
	 * only connects; -1B means no limit.
	 */
	private @Nullable DataSize maxMessageSize;

	/**
	 * Whether messages are queued only on completed connections (ZMQ_IMMEDIATE).
	 */
	private @Nullable Boolean immediate;

	/**
	 * Longest time a new connection may take for the ZMTP handshake before it is dropped and
	 * retried (ZMQ_HANDSHAKE_IVL); 0 means no limit. Kept short by default because JeroMQ
	 * 0.6.0 now and then stalls a fresh outgoing connection before its handshake, and this
	 * turns the stall into a quick reconnect.
	 */
	private @Nullable Duration handshakeInterval;

	/**
	 * Content type objects are converted with, for example 'application/msgpack'; unset
	 * means JSON. Raw bytes and strings are sent as they are whatever it says. With the
	 * header frame enabled, senders announce it in a 'contentType' header, and listeners
	 * read each message by the content type it announces.
	 */
	private @Nullable String contentType;

	/**
	 * Security mechanism and its keys or credentials; per-socket values override
	 * zmq.defaults.security.
	 */
	@NestedConfigurationProperty
	private final ZmqSocketSecurityProperties security = new ZmqSocketSecurityProperties();

	/**
	 * The opt-in header frame that carries chosen message headers (trace context, content
	 * type) between applications; per-socket values override zmq.defaults.headers.
	 */
	@NestedConfigurationProperty
	private final ZmqHeadersProperties headers = new ZmqHeadersProperties();

	public ZmqSocketSecurityProperties getSecurity() {
		return this.security;
	}

	public ZmqHeadersProperties getHeaders() {
		return this.headers;
	}

	public @Nullable String getContentType() {
		return this.contentType;
	}

	public void setContentType(@Nullable String contentType) {
		this.contentType = contentType;
	}

	public @Nullable Integer getSendHwm() {
		return this.sendHwm;
	}

	public void setSendHwm(@Nullable Integer sendHwm) {
		this.sendHwm = sendHwm;
	}

	public @Nullable Integer getReceiveHwm() {
		return this.receiveHwm;
	}

	public void setReceiveHwm(@Nullable Integer receiveHwm) {
		this.receiveHwm = receiveHwm;
	}

	public @Nullable Duration getLinger() {
		return this.linger;
	}

	public void setLinger(@Nullable Duration linger) {
		this.linger = linger;
	}

	public @Nullable Duration getReconnectInterval() {
		return this.reconnectInterval;
	}

	public void setReconnectInterval(@Nullable Duration reconnectInterval) {
		this.reconnectInterval = reconnectInterval;
	}

	public @Nullable Duration getReconnectIntervalMax() {
		return this.reconnectIntervalMax;
	}

	public void setReconnectIntervalMax(@Nullable Duration reconnectIntervalMax) {
		this.reconnectIntervalMax = reconnectIntervalMax;
	}

	public @Nullable Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public @Nullable Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	public void setHeartbeatTimeout(@Nullable Duration heartbeatTimeout) {
		this.heartbeatTimeout = heartbeatTimeout;
	}

	public @Nullable Duration getHeartbeatTtl() {
		return this.heartbeatTtl;
	}

	public void setHeartbeatTtl(@Nullable Duration heartbeatTtl) {
		this.heartbeatTtl = heartbeatTtl;
	}

	public @Nullable Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(@Nullable Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public @Nullable DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public @Nullable Boolean getImmediate() {
		return this.immediate;
	}

	public void setImmediate(@Nullable Boolean immediate) {
		this.immediate = immediate;
	}

	public @Nullable Duration getHandshakeInterval() {
		return this.handshakeInterval;
	}

	public void setHandshakeInterval(@Nullable Duration handshakeInterval) {
		this.handshakeInterval = handshakeInterval;
	}

}

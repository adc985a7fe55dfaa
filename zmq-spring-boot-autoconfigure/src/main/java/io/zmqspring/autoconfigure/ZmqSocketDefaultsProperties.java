package io.zmqspring.autoconfigure;

import java.time.Duration;

/**
 * Options every socket starts from. Defaults: send-hwm and receive-hwm 1000, linger 1s,
 * reconnect-interval 100ms, reconnect-interval-max 5s, heartbeats off, send-timeout 1s,
 * immediate false, handshake-interval 5s, max-message-size 1MB on sockets that bind.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketDefaultsProperties extends ZmqSocketOptionsProperties {

	public ZmqSocketDefaultsProperties() {
		setSendHwm(1000);
		setReceiveHwm(1000);
		setLinger(Duration.ofSeconds(1));
		setReconnectInterval(Duration.ofMillis(100));
		setReconnectIntervalMax(Duration.ofSeconds(5));
		setHeartbeatInterval(Duration.ZERO);
		setSendTimeout(Duration.ofSeconds(1));
		setImmediate(false);
		setHandshakeInterval(Duration.ofSeconds(5));
	}

}

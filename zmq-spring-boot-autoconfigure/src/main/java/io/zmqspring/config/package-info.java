/**
 * A configuration centre on ZeroMQ, after the ZeroMQ Guide's Clone pattern: a server that
 * answers snapshot requests and publishes numbered updates and heartbeats, and a client that
 * keeps a {@code PropertySource} of the {@code Environment} equal to the server's state, with
 * {@code @ConfigurationProperties} beans rebound and a {@link io.zmqspring.config.ZmqConfigChangedEvent}
 * for every change.
 */
@NullMarked
package io.zmqspring.config;

import org.jspecify.annotations.NullMarked;

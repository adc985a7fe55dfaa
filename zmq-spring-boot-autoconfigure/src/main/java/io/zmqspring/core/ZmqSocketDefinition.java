package io.zmqspring.core;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Everything needed to open one named socket: its type, endpoints, subscriptions and options.
 *
 * @param name the socket's name, used in logs, metrics and errors
 * @param type the socket type
 * @param endpoints where the socket binds and connects
 * @param topics subscriptions of a SUB or XSUB socket; empty subscribes to everything
 * @param options options applied before any bind or connect
 * @author zmq-spring-boot
 */
public record ZmqSocketDefinition(String name, ZmqSocketType type, List<ZmqEndpoint> endpoints, List<String> topics,
		ZmqSocketOptions options) {

	public ZmqSocketDefinition {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(type, "'type' must not be null");
		Assert.notEmpty(endpoints, () -> "Socket '" + name + "' needs at least one endpoint");
		Assert.notNull(topics, "'topics' must not be null");
		Assert.notNull(options, "'options' must not be null");
		endpoints = List.copyOf(endpoints);
		topics = List.copyOf(topics);
	}

	/**
	 * Return a copy of this definition with another type, for example when a REP listener
	 * runs on a ROUTER socket.
	 * @param otherType the type to use
	 * @return the copy
	 */
	public ZmqSocketDefinition withType(ZmqSocketType otherType) {
		return new ZmqSocketDefinition(this.name, otherType, this.endpoints, this.topics, this.options);
	}

	/**
	 * Return a short description for log lines and errors, without any secret.
	 * @return {@code name (TYPE @tcp://...)}
	 */
	public String describe() {
		return this.name + " (" + this.type + " " + this.endpoints + ")";
	}

}

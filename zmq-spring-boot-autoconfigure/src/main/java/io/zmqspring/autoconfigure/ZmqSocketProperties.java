package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.zmqspring.core.ZmqSocketType;

/**
 * A named socket.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketProperties extends ZmqSocketOptionsProperties {

	/**
	 * Socket type: PUB, SUB, XPUB, XSUB, PUSH, PULL, REQ, REP, DEALER, ROUTER, PAIR, CLIENT or SERVER.
	 */
	private @Nullable ZmqSocketType type;

	/**
	 * Endpoints to bind ('@' prefix) or connect ('>' prefix) to, for example
	 * '>tcp://localhost:5557' or '@tcp://127.0.0.1:*'. Without a prefix the type's usual side
	 * applies (PUB, XPUB, REP, ROUTER and PULL bind; the others connect).
	 */
	private List<String> endpoints = new ArrayList<>();

	/**
	 * Whether endpoints without a prefix bind (true) or connect (false), overriding the type's
	 * usual side.
	 */
	private @Nullable Boolean bind;

	/**
	 * Topics a SUB socket subscribes to; empty subscribes to everything.
	 */
	private List<String> topics = new ArrayList<>();

	/**
	 * Routing id announced to ROUTER peers (ZMQ_ROUTING_ID).
	 */
	private @Nullable String routingId;

	/**
	 * Subscriptions a PUB or XPUB socket waits for before the template's first send on it
	 * (each subscriber counts once per topic). The socket then runs as an XPUB that counts
	 * them; 0 counts them without holding the first send, for
	 * ZmqTemplate.awaitSubscribers.
	 */
	private @Nullable Integer waitForSubscribers;

	/**
	 * Longest time the first send waits for wait-for-subscribers subscriptions; then it sends
	 * anyway and logs a warning.
	 */
	private Duration waitForSubscribersTimeout = Duration.ofSeconds(10);

	/**
	 * Request-reply through the template on a REQ or DEALER socket: retries and failing fast.
	 */
	@NestedConfigurationProperty
	private final ZmqRequestProperties request = new ZmqRequestProperties();

	/**
	 * Durable outbox of the template's sends on this socket, and its listener side (dedup).
	 */
	@NestedConfigurationProperty
	private final ZmqOutboxProperties outbox = new ZmqOutboxProperties();

	/**
	 * Chunked transfers of payloads far larger than one message, with credit-based flow
	 * control: sent on a DEALER socket, received on a ROUTER socket.
	 */
	@NestedConfigurationProperty
	private final ZmqTransferProperties transfer = new ZmqTransferProperties();

	public ZmqRequestProperties getRequest() {
		return this.request;
	}

	public ZmqOutboxProperties getOutbox() {
		return this.outbox;
	}

	public ZmqTransferProperties getTransfer() {
		return this.transfer;
	}

	public @Nullable ZmqSocketType getType() {
		return this.type;
	}

	public void setType(@Nullable ZmqSocketType type) {
		this.type = type;
	}

	public List<String> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<String> endpoints) {
		this.endpoints = endpoints;
	}

	public @Nullable Boolean getBind() {
		return this.bind;
	}

	public void setBind(@Nullable Boolean bind) {
		this.bind = bind;
	}

	public List<String> getTopics() {
		return this.topics;
	}

	public void setTopics(List<String> topics) {
		this.topics = topics;
	}

	public @Nullable String getRoutingId() {
		return this.routingId;
	}

	public void setRoutingId(@Nullable String routingId) {
		this.routingId = routingId;
	}

	public @Nullable Integer getWaitForSubscribers() {
		return this.waitForSubscribers;
	}

	public void setWaitForSubscribers(@Nullable Integer waitForSubscribers) {
		this.waitForSubscribers = waitForSubscribers;
	}

	public Duration getWaitForSubscribersTimeout() {
		return this.waitForSubscribersTimeout;
	}

	public void setWaitForSubscribersTimeout(Duration waitForSubscribersTimeout) {
		this.waitForSubscribersTimeout = waitForSubscribersTimeout;
	}

}

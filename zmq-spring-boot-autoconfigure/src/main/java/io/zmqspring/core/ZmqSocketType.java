package io.zmqspring.core;

import org.zeromq.SocketType;

/**
 * The ZeroMQ socket types the starter supports, with the side each one takes by default.
 *
 * @author zmq-spring-boot
 */
public enum ZmqSocketType {

	/** Publisher: fans every message out to all matching subscribers; binds by default. */
	PUB(SocketType.PUB, true, true, false),

	/** Subscriber: receives the messages whose first frame matches a subscribed topic; connects by default. */
	SUB(SocketType.SUB, false, false, true),

	/** Extended publisher that also sees subscriptions; binds by default. */
	XPUB(SocketType.XPUB, true, true, true),

	/** Extended subscriber that sends subscriptions as messages; connects by default. */
	XSUB(SocketType.XSUB, false, true, true),

	/** Pipeline producer, round-robin over its peers; connects by default. */
	PUSH(SocketType.PUSH, false, true, false),

	/** Pipeline consumer, fair-queued from its peers; binds by default. */
	PULL(SocketType.PULL, true, false, true),

	/** Synchronous requester; connects by default. */
	REQ(SocketType.REQ, false, true, true),

	/** Synchronous replier; binds by default. */
	REP(SocketType.REP, true, true, true),

	/** Asynchronous requester; connects by default. */
	DEALER(SocketType.DEALER, false, true, true),

	/** Asynchronous replier that addresses peers by routing id; binds by default. */
	ROUTER(SocketType.ROUTER, true, true, true),

	/** Exclusive pair; connects by default. */
	PAIR(SocketType.PAIR, false, true, true),

	/**
	 * Client of SERVER sockets, single-frame messages only; connects by default. JeroMQ peers only:
	 * libzmq has it in draft builds alone.
	 */
	CLIENT(SocketType.CLIENT, false, true, true),

	/**
	 * Server that addresses each CLIENT by the routing id its messages carry, single-frame
	 * messages only; binds by default. JeroMQ peers only.
	 */
	SERVER(SocketType.SERVER, true, true, true);

	private final SocketType jeromqType;

	private final boolean bindsByDefault;

	private final boolean canSend;

	private final boolean canReceive;

	ZmqSocketType(SocketType jeromqType, boolean bindsByDefault, boolean canSend, boolean canReceive) {
		this.jeromqType = jeromqType;
		this.bindsByDefault = bindsByDefault;
		this.canSend = canSend;
		this.canReceive = canReceive;
	}

	/**
	 * Return the JeroMQ socket type.
	 * @return the JeroMQ type
	 */
	public SocketType jeromqType() {
		return this.jeromqType;
	}

	/**
	 * Whether an endpoint without a '@' or '>' prefix binds for this type.
	 * @return {@code true} if this type binds by default
	 */
	public boolean bindsByDefault() {
		return this.bindsByDefault;
	}

	/**
	 * Whether the template can send on a socket of this type.
	 * @return {@code true} for sending types
	 */
	public boolean canSend() {
		return this.canSend;
	}

	/**
	 * Whether a listener can receive on a socket of this type.
	 * @return {@code true} for receiving types
	 */
	public boolean canReceive() {
		return this.canReceive;
	}

	/**
	 * Whether a listener on this type sends the handler's return value back to the peer.
	 * @return {@code true} for REP, ROUTER, DEALER, PAIR, CLIENT and SERVER
	 */
	public boolean canReply() {
		return this == REP || this == ROUTER || this == DEALER || this == PAIR || this == CLIENT || this == SERVER;
	}

	/**
	 * Whether a listener on this type answers a failed handler with an error reply, because its
	 * peer waits for an answer.
	 * @return {@code true} for REP, ROUTER and SERVER
	 */
	public boolean sendsErrorReplies() {
		return this == REP || this == ROUTER || this == SERVER;
	}

	/**
	 * Whether every message is one frame (no multipart): a request's correlation then travels
	 * inside that frame.
	 * @return {@code true} for CLIENT and SERVER
	 */
	public boolean isSingleFrame() {
		return this == CLIENT || this == SERVER;
	}

	/**
	 * Whether received messages carry their peer's routing id outside the frames, and sent ones
	 * must carry it too: the starter shows it as a first frame of four bytes (big-endian).
	 * @return {@code true} for SERVER
	 */
	public boolean carriesRoutingId() {
		return this == SERVER;
	}

	/**
	 * Whether a {@code @ZmqListener} can receive on this type.
	 * @return {@code true} for SUB, PULL, REP, ROUTER, DEALER, PAIR, XSUB, CLIENT and SERVER
	 */
	public boolean isListenerType() {
		return this.canReceive && this != REQ && this != XPUB;
	}

	/**
	 * Whether a batch listener can receive on this type: a listener type that need not reply to
	 * every message.
	 * @return {@code true} for SUB, XSUB, PULL, PAIR and DEALER
	 */
	public boolean supportsBatchListener() {
		return isListenerType() && this != REP && this != ROUTER;
	}

	/**
	 * Whether the template can send one-way messages on this type. REQ and REP are strict
	 * request-reply sockets and cannot; a SERVER only answers its clients (from a listener).
	 * @return {@code true} for PUB, XPUB, XSUB, PUSH, DEALER, ROUTER, PAIR and CLIENT
	 */
	public boolean isOneWaySender() {
		return this.canSend && this != REQ && this != REP && this != SERVER;
	}

	/**
	 * Whether the template can run request-reply on this type (as a correlating DEALER, or a
	 * CLIENT with the correlation inside the frame).
	 * @return {@code true} for REQ, DEALER and CLIENT
	 */
	public boolean isRequester() {
		return this == REQ || this == DEALER || this == CLIENT;
	}

	/**
	 * Whether a listener can forward its return value to a socket of this type
	 * ({@code @SendTo}): a socket that sends one message without naming a peer. ROUTER needs a
	 * routing id per message, REQ a reply, and REP and SUB cannot send on their own.
	 * @return {@code true} for PUB, XPUB, PUSH, DEALER and PAIR
	 */
	public boolean isForwardTarget() {
		return this == PUB || this == XPUB || this == PUSH || this == DEALER || this == PAIR;
	}

	/**
	 * Whether the type carries a topic as its first frame.
	 * @return {@code true} for PUB and XPUB
	 */
	public boolean isPublisher() {
		return this == PUB || this == XPUB;
	}

	/**
	 * Whether a listener on this type unbinds and disconnects before it stops, then handles what
	 * its socket already received, so that those messages are not lost.
	 * @return {@code true} for PULL, SUB and XSUB
	 */
	public boolean drainsOnStop() {
		return this == PULL || this == SUB || this == XSUB;
	}

	/**
	 * Return the type the socket is really opened as: REQ runs as a correlating DEALER and REP as
	 * a ROUTER that applies REP's envelope rule, so that neither can wedge and both serve many
	 * requests at once.
	 * @return the type to open
	 */
	public ZmqSocketType openedAs() {
		return switch (this) {
			case REQ -> DEALER;
			case REP -> ROUTER;
			default -> this;
		};
	}

}

package io.zmqspring.core;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.core.log.LogMessage;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * Watches one socket's connections through a ZeroMQ socket monitor, on the socket owner's thread:
 * counts and logs disconnects and failed handshakes, which ZeroMQ otherwise keeps to itself. A
 * disconnect while messages wait to be sent is logged as a warning: ZeroMQ delivers what it
 * queued for a peer only if that peer comes back.
 *
 * @author zmq-spring-boot
 */
final class ZmqSocketMonitor {

	private static final Log logger = LogFactory.getLog(ZmqSocketMonitor.class);

	private static final AtomicLong ids = new AtomicLong();

	private static final int EVENTS = ZMQ.EVENT_CONNECTED | ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED
			| ZMQ.EVENT_HANDSHAKE_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
			| zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;

	private final String name;

	private final ZmqMetrics metrics;

	private final ZMQ.Socket monitored;

	private final ZMQ.@Nullable Socket events;

	private static final ZmqRateLimitedLog refusals = new ZmqRateLimitedLog(logger, java.time.Duration.ofMinutes(1));

	/** The ZAP domain of a CURVE or PLAIN server socket, whose failed handshakes are refusals. */
	private final @Nullable String securedDomain;

	private final String mechanism;

	private final @Nullable ZmqSocketStats stats;

	private final ZmqSocketEvents socketEvents;

	private final @Nullable ZmqSocketOwner owner;

	/**
	 * Watch a socket, count what happens to its connections and tell of it.
	 * @param context the context
	 * @param monitored the socket
	 * @param name its name
	 * @param metrics where to count
	 * @param securedDomain the ZAP domain if the socket is a CURVE or PLAIN server: its handshakes
	 * that fail before authentication (a peer without the mechanism, or with a wrong server key)
	 * are then counted as security denials too
	 * @param mechanism the socket's security mechanism
	 * @param stats the socket's statistics
	 * @param socketEvents what to tell of connections
	 * @param owner the socket's owner, the source of the events
	 */
	ZmqSocketMonitor(ZContext context, ZMQ.Socket monitored, String name, ZmqMetrics metrics,
			@Nullable String securedDomain, String mechanism, @Nullable ZmqSocketStats stats,
			ZmqSocketEvents socketEvents, @Nullable ZmqSocketOwner owner) {
		this.socketEvents = socketEvents;
		this.owner = owner;
		this.stats = stats;
		this.securedDomain = securedDomain;
		this.mechanism = mechanism;
		this.name = name;
		this.metrics = metrics;
		this.monitored = monitored;
		String address = "inproc://zmq-monitor-" + ids.incrementAndGet();
		ZMQ.Socket pair = null;
		if (startMonitor(monitored, address, name)) {
			pair = context.getContext().socket(SocketType.PAIR);
			pair.setLinger(0);
			pair.connect(address);
		}
		this.events = pair;
	}

	/** JeroMQ takes one monitor per socket: one a customizer set up wins, and this one stays off. */
	private static boolean startMonitor(ZMQ.Socket monitored, String address, String name) {
		try {
			return monitored.monitor(address, EVENTS);
		}
		catch (IllegalStateException ex) {
			logger.debug(LogMessage.of(() -> "ZeroMQ socket " + name
					+ " already has a monitor; its disconnects and failed handshakes are not counted"));
			return false;
		}
	}

	/**
	 * Return the socket the events arrive on, to wait on with the monitored socket.
	 * @return the events socket, or {@code null} if the socket cannot be monitored
	 */
	ZMQ.@Nullable Socket socket() {
		return this.events;
	}

	/**
	 * Whether events are waiting.
	 * @return {@code true} if {@link #handle(boolean)} has something to do
	 */
	boolean hasEvents() {
		return this.events != null && (this.events.getEvents() & ZMQ.Poller.POLLIN) != 0;
	}

	/**
	 * Count and log the events that arrived.
	 * @param messagesWaiting whether messages wait to be sent on the socket
	 * @return whether there were any
	 */
	boolean handle(boolean messagesWaiting) {
		if (this.events == null) {
			return false;
		}
		boolean handled = false;
		ZMQ.Event event;
		while ((event = ZMQ.Event.recv(this.events, ZMQ.DONTWAIT)) != null) {
			handled = true;
			String address = event.getAddress();
			if (event.getEvent() == ZMQ.EVENT_CONNECTED || event.getEvent() == ZMQ.EVENT_ACCEPTED) {
				if (this.stats != null) {
					this.stats.connectionOpened(String.valueOf(address));
				}
				ZmqSocketOwner source = this.owner;
				if (source != null) {
					tell(() -> this.socketEvents.connected(source, String.valueOf(address)));
				}
			}
			else if (event.getEvent() == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
				// The peer's ZMTP greeting arrived: someone answers on this connection
				if (this.stats != null) {
					this.stats.connectionGreeted(String.valueOf(address));
				}
			}
			else if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
				if (this.stats != null) {
					this.stats.connectionClosed(String.valueOf(address));
				}
				this.metrics.disconnect(this.name);
				ZmqSocketOwner source = this.owner;
				if (source != null) {
					tell(() -> this.socketEvents.disconnected(source, String.valueOf(address)));
				}
				if (messagesWaiting) {
					logger.warn("ZeroMQ socket " + this.name + ": a peer on " + address
							+ " disconnected while messages wait to be sent; what ZeroMQ queued for that peer is "
							+ "delivered only if it reconnects");
				}
				else {
					logger.debug(LogMessage.of(() -> "ZeroMQ socket " + this.name + ": a peer on " + address
							+ " disconnected"));
				}
			}
			else {
				String reason = reason(event.getEvent());
				this.metrics.handshakeFailure(this.name, reason);
				ZmqSocketOwner source = this.owner;
				if (source != null) {
					tell(() -> this.socketEvents.handshakeFailed(source, String.valueOf(address), reason));
				}
				String domain = this.securedDomain;
				if (domain != null && event.getEvent() == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
					this.metrics.authenticationDenied(this.name, domain, this.mechanism, "handshake-failed");
					refusals.warn(this.name + "|handshake-failed", "ZeroMQ socket " + this.name + " refused a "
							+ this.mechanism + " handshake on " + address + ": it failed before authentication (a "
							+ "peer without " + this.mechanism + ", or with the wrong server key)", null);
				}
				logger.debug(LogMessage.of(() -> "ZeroMQ socket " + this.name + ": a handshake on " + address
						+ " failed (" + reason + ")"));
			}
		}
		return handled;
	}

	/** Tell of an event; the listener hands it over and never runs application code here. */
	private void tell(Runnable event) {
		try {
			event.run();
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.of(() -> "Could not tell of an event of socket " + this.name + ": " + ex));
		}
	}

	private static String reason(int event) {
		if (event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
			return "protocol";
		}
		if (event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
			return "auth";
		}
		return "other";
	}

	/** Stop monitoring and close the events socket; on the owner's thread, before the socket closes. */
	void close() {
		ZMQ.Socket pair = this.events;
		if (pair == null) {
			return;
		}
		try {
			this.monitored.monitor(null, 0);
		}
		catch (RuntimeException ex) {
			// the socket is closing anyway
		}
		pair.close();
	}

}

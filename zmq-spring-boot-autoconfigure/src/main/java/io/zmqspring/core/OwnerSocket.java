package io.zmqspring.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import org.springframework.util.Assert;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * The socket a {@link ZmqSocketOwner} has open, with its monitor and its waiter. Opened on the
 * thread that acquires the owner, then opened again and closed on the owner's thread only; the
 * waiter alone is read from other threads, to wake the owner.
 *
 * @author zmq-spring-boot
 */
final class OwnerSocket {

	/** How long one blocking send may wait for room before the owner checks for other work. */
	private static final int BLOCKED_SLICE_MILLIS = 100;

	private final ZmqSocketOwner owner;

	private final ZmqSocketFactory factory;

	private final ZmqSocketDefinition definition;

	private final String name;

	private final ZmqMetrics metrics;

	private final ZmqSocketStats stats;

	private final ZmqSocketEvents socketEvents;

	private final OwnerEndpoints endpoints;

	/** Clears the owner thread's interrupt flag before the socket is closed. */
	private final Runnable clearInterrupt;

	private volatile @Nullable ZmqSocketWaiter waiter;

	// Owned by the socket's thread

	private ZMQ.@Nullable Socket socket;

	private @Nullable ZmqSocketMonitor socketMonitor;

	OwnerSocket(ZmqSocketOwner owner, ZmqSocketFactory factory, ZmqSocketDefinition definition, ZmqMetrics metrics,
			ZmqSocketStats stats, ZmqSocketEvents socketEvents, OwnerEndpoints endpoints, Runnable clearInterrupt) {
		this.owner = owner;
		this.factory = factory;
		this.definition = definition;
		this.name = definition.name();
		this.metrics = metrics;
		this.stats = stats;
		this.socketEvents = socketEvents;
		this.endpoints = endpoints;
		this.clearInterrupt = clearInterrupt;
	}

	ZMQ.@Nullable Socket socket() {
		return this.socket;
	}

	@Nullable ZmqSocketMonitor monitor() {
		return this.socketMonitor;
	}

	@Nullable ZmqSocketWaiter waiter() {
		return this.waiter;
	}

	void open() {
		List<ZmqEndpoint> notResolved = new ArrayList<>();
		io.zmqspring.security.ZmqSecurity security = this.definition.options().security();
		boolean binds = this.definition.endpoints().stream().anyMatch(ZmqEndpoint::bind);
		String securedDomain = (security.mechanism() != io.zmqspring.security.ZmqSecurityMechanism.NULL
				&& security.isServer(binds)) ? security.zapDomainOr(this.definition.name()) : null;
		this.stats.reset();
		// Monitor before the first connect, so that no connection or greeting goes uncounted
		ZmqSocketMonitor[] monitoring = new ZmqSocketMonitor[1];
		ZMQ.Socket opened;
		try {
			opened = this.factory.open(this.definition, notResolved::add,
					(socket) -> monitoring[0] = new ZmqSocketMonitor(this.factory.getContext(), socket, this.name,
							this.metrics, securedDomain, security.mechanism().name(), this.stats, this.socketEvents,
							this.owner));
		}
		catch (RuntimeException ex) {
			if (monitoring[0] != null) {
				monitoring[0].close();
			}
			throw ex;
		}
		opened.setSendTimeOut(BLOCKED_SLICE_MILLIS);
		this.endpoints.reset(notResolved);
		ZmqSocketMonitor watching = monitoring[0];
		Assert.state(watching != null, "The socket factory did not run the step before its first bind or connect");
		ZMQ.Socket events = watching.socket();
		this.socket = opened;
		this.socketMonitor = watching;
		this.waiter = (events != null) ? new ZmqSocketWaiter(opened, events) : new ZmqSocketWaiter(opened);
	}

	void close(boolean failed) {
		ZMQ.Socket owned = this.socket;
		this.socket = null;
		ZmqSocketMonitor watching = this.socketMonitor;
		this.socketMonitor = null;
		if (owned != null) {
			this.clearInterrupt.run();
			if (watching != null) {
				watching.close();
			}
			if (failed) {
				try {
					owned.setLinger(0);
				}
				catch (RuntimeException ex) {
					// closing anyway
				}
			}
			this.factory.close(this.definition, owned);
		}
		ZmqSocketWaiter current = this.waiter;
		if (current != null) {
			current.close();
		}
	}

}

package io.zmqspring.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZMQ;

import org.springframework.core.log.LogMessage;

import io.zmqspring.metrics.ZmqMetrics;

/**
 * What a {@link ZmqSocketOwner}'s thread receives: messages handed to the receiver, whose replies
 * are sent without waiting, and the drain of a receiver that leaves. Used on the owner's thread
 * only.
 *
 * @author zmq-spring-boot
 */
final class OwnerInbound {

	private static final Log logger = LogFactory.getLog(ZmqSocketOwner.class);

	private final ZmqSocketFactory factory;

	private final ZmqSocketDefinition definition;

	private final String name;

	private final ZmqMetrics metrics;

	private final ZmqSocketStats stats;

	/** Whether messages carry a routing id outside their frame (SERVER). */
	private final boolean routed;

	/** Clears the owner thread's interrupt flag after a receiver ran. */
	private final Runnable clearInterrupt;

	OwnerInbound(ZmqSocketFactory factory, ZmqSocketDefinition definition, ZmqMetrics metrics, ZmqSocketStats stats,
			boolean routed, Runnable clearInterrupt) {
		this.factory = factory;
		this.definition = definition;
		this.name = definition.name();
		this.metrics = metrics;
		this.stats = stats;
		this.routed = routed;
		this.clearInterrupt = clearInterrupt;
	}

	boolean receive(ZMQ.Socket owned, ZmqSocketReceiver current) {
		boolean received = false;
		int budget = 256;
		while (budget-- > 0 && current.ready()) {
			List<byte[]> frames = this.routed ? ZmqSingleFrames.receiveRouted(owned) : ZmqFrames.receive(owned);
			if (frames == null) {
				break;
			}
			received = true;
			this.stats.received(ZmqSocketStats.size(frames));
			List<byte[]> reply = current.receive(frames);
			this.clearInterrupt.run();
			if (reply != null) {
				sendNow(owned, reply);
			}
		}
		return received;
	}

	/** Send a receiver's reply without waiting; a peer that cannot take it loses it, counted. */
	private void sendNow(ZMQ.Socket owned, List<byte[]> reply) {
		if (this.routed ? ZmqSingleFrames.sendRouted(owned, reply) : ZmqFrames.send(owned, reply)) {
			this.stats.sent(ZmqSocketStats.size(reply));
			return;
		}
		this.metrics.sendFailure(this.name, "reply-dropped");
		logger.warn(LogMessage.of(() -> "ZeroMQ socket " + this.name
				+ " dropped a reply: the peer is not taking messages"));
	}

	/** Unbind and disconnect, then hand over what the socket already holds, within its linger. */
	void drain(ZMQ.Socket owned, ZmqSocketReceiver leaving, ZmqSocketWaiter waiter) {
		List<ZmqEndpoint> configured = this.definition.endpoints();
		List<String> actual = this.factory.getRegistry().getActualEndpoints(this.name);
		for (int i = 0; i < actual.size() && i < configured.size(); i++) {
			String endpoint = actual.get(i);
			try {
				if (configured.get(i).bind()) {
					owned.unbind(endpoint);
				}
				else {
					owned.disconnect(endpoint);
				}
			}
			catch (RuntimeException ex) {
				logger.debug(LogMessage.of(() -> "Could not detach " + endpoint + " before draining: " + ex));
			}
		}
		long quietNanos = TimeUnit.MILLISECONDS.toNanos(50);
		long deadline = System.nanoTime() + this.definition.options().lingerOrDefault().toNanos();
		long quietSince = System.nanoTime();
		while (true) {
			long now = System.nanoTime();
			if (now - deadline >= 0 || now - quietSince >= quietNanos) {
				return;
			}
			if (!leaving.ready()) {
				waiter.await(10, leaving::ready);
				continue;
			}
			List<byte[]> frames = this.routed ? ZmqSingleFrames.receiveRouted(owned) : ZmqFrames.receive(owned);
			if (frames != null) {
				quietSince = System.nanoTime();
				this.stats.received(ZmqSocketStats.size(frames));
				List<byte[]> reply = leaving.receive(frames);
				this.clearInterrupt.run();
				if (reply != null) {
					sendNow(owned, reply);
				}
				continue;
			}
			long quietLeft = quietNanos - (now - quietSince);
			waiter.await(TimeUnit.NANOSECONDS.toMillis(quietLeft) + 1,
					() -> (owned.getEvents() & ZMQ.Poller.POLLIN) != 0);
		}
	}

}

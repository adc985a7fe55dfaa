package io.zmqspring.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.metrics.ZmqMetrics;
import zmq.Msg;
import zmq.ZError;

/**
 * One direction of a proxy: moves whole messages from one socket to the other, frames as JeroMQ
 * received them (no copy), and a copy to the capture socket. A message the destination cannot
 * take yet is held, and the source is not read until it can: the high-water marks push back on
 * the peers instead of the proxy dropping messages. Used only on the proxy's thread.
 *
 * @author zmq-spring-boot
 */
final class ProxyPump {

	private static final Log logger = LogFactory.getLog(ProxyPump.class);

	private static final ZmqRateLimitedLog drops = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	private final String proxy;

	private final ZMQ.Socket from;

	private final ZMQ.Socket to;

	private final String toName;

	private final ZMQ.@Nullable Socket capture;

	private final @Nullable String captureName;

	private final ZmqMetrics metrics;

	private final AtomicLong forwarded;

	private final AtomicLong dropped;

	private final List<Msg> pending = new ArrayList<>(4);

	ProxyPump(String proxy, ZMQ.Socket from, ZMQ.Socket to, String toName, ZMQ.@Nullable Socket capture,
			@Nullable String captureName, ZmqMetrics metrics, AtomicLong forwarded, AtomicLong dropped) {
		this.proxy = proxy;
		this.from = from;
		this.to = to;
		this.toName = toName;
		this.capture = capture;
		this.captureName = captureName;
		this.metrics = metrics;
		this.forwarded = forwarded;
		this.dropped = dropped;
	}

	/**
	 * Move messages until the source has none, the destination takes no more, or the budget is
	 * spent.
	 * @param budget the most messages to move
	 * @return whether any message was moved
	 */
	boolean pump(int budget) {
		boolean moved = false;
		for (int i = 0; i < budget; i++) {
			if (this.pending.isEmpty() && !receive()) {
				return moved;
			}
			if (!deliver()) {
				return moved;
			}
			moved = true;
		}
		return moved;
	}

	/**
	 * Whether {@link #pump(int)} has something to do now.
	 * @param fromEvents the source's events ({@code ZMQ_EVENTS})
	 * @param toEvents the destination's events
	 * @return whether a message is held and the destination can take it, or none is held and the
	 * source has one
	 */
	boolean ready(int fromEvents, int toEvents) {
		if (this.pending.isEmpty()) {
			return (fromEvents & ZMQ.Poller.POLLIN) != 0;
		}
		return (toEvents & ZMQ.Poller.POLLOUT) != 0;
	}

	/**
	 * Try once more to deliver the held message, then drop it, counted; before the sockets close.
	 * @return whether a message was dropped
	 */
	boolean flushOrDrop() {
		if (this.pending.isEmpty() || deliver()) {
			return false;
		}
		this.pending.clear();
		drop("closing");
		return true;
	}

	private boolean receive() {
		Msg msg = this.from.recvMsg(ZMQ.DONTWAIT);
		if (msg == null) {
			return false;
		}
		this.pending.add(msg);
		while (msg.hasMore()) {
			msg = this.from.recvMsg(0);
			this.pending.add(msg);
		}
		capture();
		return true;
	}

	/** Send the held message; {@code false} if the destination cannot take it yet. */
	private boolean deliver() {
		int last = this.pending.size() - 1;
		try {
			if (!this.to.sendMsg(this.pending.get(0), ZMQ.DONTWAIT | ((last > 0) ? ZMQ.SNDMORE : 0))) {
				return false;
			}
			// Once the first frame is accepted, ZeroMQ accepts the rest of the message
			for (int i = 1; i <= last; i++) {
				this.to.sendMsg(this.pending.get(i), ZMQ.DONTWAIT | ((i < last) ? ZMQ.SNDMORE : 0));
			}
			this.forwarded.lazySet(this.forwarded.get() + 1);
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() == ZError.ETERM) {
				throw ex;
			}
			// For example a ROUTER with router-mandatory and a client that is gone
			drop(ZError.toString(ex.getErrorCode()));
		}
		this.pending.clear();
		return true;
	}

	private void capture() {
		ZMQ.Socket tap = this.capture;
		if (tap == null) {
			return;
		}
		int last = this.pending.size() - 1;
		try {
			if (!tap.sendMsg(new Msg(this.pending.get(0)), ZMQ.DONTWAIT | ((last > 0) ? ZMQ.SNDMORE : 0))) {
				this.metrics.sendFailure(String.valueOf(this.captureName), "capture-full");
				return;
			}
			for (int i = 1; i <= last; i++) {
				tap.sendMsg(new Msg(this.pending.get(i)), ZMQ.DONTWAIT | ((i < last) ? ZMQ.SNDMORE : 0));
			}
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() == ZError.ETERM) {
				throw ex;
			}
			this.metrics.sendFailure(String.valueOf(this.captureName), "rejected");
		}
	}

	private void drop(String reason) {
		this.dropped.lazySet(this.dropped.get() + 1);
		this.metrics.sendFailure(this.toName, "proxy-dropped");
		drops.warn(this.proxy + "|" + this.toName, "ZeroMQ proxy " + this.proxy + " dropped a message for socket "
				+ this.toName + " (" + reason + ")", null);
	}

}

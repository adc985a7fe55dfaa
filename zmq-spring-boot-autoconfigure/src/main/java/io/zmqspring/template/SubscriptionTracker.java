package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqSocketReceiver;

/**
 * The template's side of a publishing socket run as an XPUB: counts the subscriptions its peers
 * send, on the socket owner's thread, and lets callers wait for them. With {@code XPUB_VERBOSER}
 * every subscription and unsubscription reaches it, one per topic and peer; JeroMQ does not say
 * which connection a subscription came from, so what is counted is subscriptions.
 *
 * @author zmq-spring-boot
 */
final class SubscriptionTracker implements ZmqSocketReceiver {

	private static final Log logger = LogFactory.getLog(SubscriptionTracker.class);

	private final String socketName;

	private final ZmqSubscriberWait wait;

	private final Object monitor = new Object();

	/** Guarded by the monitor. */
	private int subscriptions;

	private volatile boolean released;

	SubscriptionTracker(String socketName, ZmqSubscriberWait wait) {
		this.socketName = socketName;
		this.wait = wait;
		this.released = wait.subscribers() == 0;
	}

	@Override
	public @Nullable List<byte[]> receive(List<byte[]> frames) {
		byte[] first = frames.get(0);
		if (frames.size() != 1 || first.length == 0 || (first[0] != 0 && first[0] != 1)) {
			// a message an XSUB peer sent upstream, not a subscription
			return null;
		}
		synchronized (this.monitor) {
			this.subscriptions = (first[0] == 1) ? this.subscriptions + 1 : Math.max(0, this.subscriptions - 1);
			this.monitor.notifyAll();
		}
		return null;
	}

	@Override
	public void socketLost(ZmqException reason) {
		// the peers subscribe again to the reopened socket
		synchronized (this.monitor) {
			this.subscriptions = 0;
		}
	}

	/**
	 * Return the subscriptions counted now.
	 * @return the count
	 */
	int subscriptions() {
		synchronized (this.monitor) {
			return this.subscriptions;
		}
	}

	/**
	 * Wait until at least {@code count} subscriptions arrived.
	 * @param count the subscriptions to wait for
	 * @param timeout the longest wait
	 * @return whether they arrived in time
	 */
	boolean await(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.subscriptions < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new ZmqException("Interrupted while waiting for subscribers of socket '" + this.socketName
							+ "'", ex);
				}
			}
			return true;
		}
	}

	/** Hold the socket's first send until its subscribers are there, or the wait times out. */
	void awaitFirstSend() {
		if (this.released) {
			return;
		}
		if (!await(this.wait.subscribers(), this.wait.timeout())) {
			logger.warn("ZeroMQ socket " + this.socketName + " sends without its subscribers: "
					+ subscriptions() + " of " + this.wait.subscribers() + " subscriptions arrived within "
					+ this.wait.timeout().toMillis() + " ms (wait-for-subscribers-timeout)");
		}
		this.released = true;
	}

	@Override
	public String toString() {
		return "the template's subscription count on socket " + this.socketName;
	}

}

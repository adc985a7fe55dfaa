package io.zmqspring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * The endpoints of a {@link ZmqSocketOwner}'s socket whose host did not resolve when it opened,
 * connected once they do. Used on the thread that opens the socket and then on the owner's
 * thread only.
 *
 * @author zmq-spring-boot
 */
final class OwnerEndpoints {

	private final ZmqSocketFactory factory;

	private final ZmqSocketDefinition definition;

	private final String name;

	/** Wakes the owner once a lookup is done. */
	private final Runnable wakeup;

	private final List<ZmqEndpoint> unresolved = new ArrayList<>();

	private long nextConnectRetry;

	private @Nullable CompletableFuture<List<ZmqEndpoint>> resolving;

	OwnerEndpoints(ZmqSocketFactory factory, ZmqSocketDefinition definition, Runnable wakeup) {
		this.factory = factory;
		this.definition = definition;
		this.name = definition.name();
		this.wakeup = wakeup;
	}

	/** The socket was opened: retry these endpoints, the first time after one retry interval. */
	void reset(List<ZmqEndpoint> notResolved) {
		this.unresolved.clear();
		this.unresolved.addAll(notResolved);
		this.nextConnectRetry = System.nanoTime() + retryIntervalNanos();
	}

	/** Shorten a wait of the owner to the next retry, unless a lookup is under way. */
	long limitWait(long wait) {
		if (!this.unresolved.isEmpty() && this.resolving == null) {
			return Math.min(wait, TimeUnit.NANOSECONDS.toMillis(this.nextConnectRetry - System.nanoTime()) + 1);
		}
		return wait;
	}

	/**
	 * Connect to the endpoints whose host did not resolve, once it does. The name lookup, which
	 * may block, runs on a short-lived thread of its own, never on the owner.
	 */
	void retry(ZMQ.Socket owned) {
		if (this.unresolved.isEmpty()) {
			return;
		}
		CompletableFuture<List<ZmqEndpoint>> lookup = this.resolving;
		if (lookup != null) {
			if (lookup.isDone()) {
				this.resolving = null;
				List<ZmqEndpoint> resolvable = lookup.getNow(List.of());
				this.unresolved.removeIf((endpoint) -> resolvable.contains(endpoint)
						&& this.factory.connectIfResolvable(this.definition, owned, endpoint));
				this.nextConnectRetry = System.nanoTime() + retryIntervalNanos();
			}
			return;
		}
		if (System.nanoTime() - this.nextConnectRetry < 0) {
			return;
		}
		List<ZmqEndpoint> candidates = List.copyOf(this.unresolved);
		lookup = CompletableFuture.supplyAsync(
				() -> candidates.stream().filter(ZmqHostResolution::resolves).toList(), (task) -> {
					Thread thread = new Thread(task, "zmq-resolve-" + this.name);
					thread.setDaemon(true);
					thread.start();
				});
		this.resolving = lookup;
		lookup.whenComplete((resolved, ex) -> this.wakeup.run());
	}

	private long retryIntervalNanos() {
		Duration interval = this.definition.options().reconnectInterval();
		long millis = (interval != null) ? Math.max(interval.toMillis(), OwnerBackoff.FIRST_BACKOFF_MILLIS)
				: OwnerBackoff.FIRST_BACKOFF_MILLIS;
		return TimeUnit.MILLISECONDS.toNanos(Math.min(millis * 10, OwnerBackoff.MAX_BACKOFF_MILLIS));
	}

}

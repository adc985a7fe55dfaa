package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.core.ZmqSocketType;

/**
 * The request-reply plumbing of a {@link ZmqTemplate}: the correlating receiver attached to each
 * requesting socket, the request policies, and the wait of a blocking caller for its reply.
 * Correlations are created under the template's lifecycle monitor, so they never race the
 * template's stop.
 *
 * @author zmq-spring-boot
 */
final class TemplateRequests {

	private final ZmqTemplate template;

	private final Object lifecycleMonitor;

	private final Map<String, CorrelatingReceiver> correlations = new ConcurrentHashMap<>();

	private final Map<String, ZmqRequestPolicy> requestPolicies = new ConcurrentHashMap<>();

	TemplateRequests(ZmqTemplate template, Object lifecycleMonitor) {
		this.template = template;
		this.lifecycleMonitor = lifecycleMonitor;
	}

	void setRequestPolicy(String socket, ZmqRequestPolicy policy) {
		this.requestPolicies.put(socket, policy);
	}

	/** Forget the correlation of a socket that closed; called under the lifecycle monitor. */
	void forget(String socket) {
		this.correlations.remove(socket);
	}

	/** Forget every correlation: the template's sockets are released. */
	void clear() {
		this.correlations.clear();
	}

	List<byte[]> await(String socket, CompletableFuture<List<byte[]>> future, Duration timeout) {
		try {
			return future.get(timeout.toMillis() + this.template.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(false);
			throw new ZmqException("Interrupted while waiting for a reply on socket '" + socket + "'", ex);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new ZmqReplyTimeoutException(socket, timeout);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				runtime.addSuppressed(new ZmqException("Caller of sendAndReceive on socket '" + socket + "'"));
				throw runtime;
			}
			throw new ZmqException("Request on socket '" + socket + "' failed", ex.getCause());
		}
	}

	CorrelatingReceiver requestSocket(String name, ZmqSocketOwner[] owner) {
		owner[0] = this.template.use(name);
		ZmqSocketType type = owner[0].getDefinition().type();
		if (!type.isRequester()) {
			throw new ZmqSendException(name,
					"request-reply needs a REQ, DEALER or CLIENT socket, but this socket is " + type);
		}
		CorrelatingReceiver existing = this.correlations.get(name);
		if (existing != null) {
			return existing;
		}
		synchronized (this.lifecycleMonitor) {
			return this.correlations.computeIfAbsent(name, (key) -> {
				ZmqSocketStats stats = owner[0].getStats();
				CorrelatingReceiver correlation = new CorrelatingReceiver(name, this.template.metrics(),
						this.requestPolicies.getOrDefault(name, ZmqRequestPolicy.DEFAULT),
						() -> stats.getGreetedConnections() == 0 && stats.wasGreeted(), type.isSingleFrame());
				try {
					owner[0].attach(correlation);
				}
				catch (IllegalStateException ex) {
					ZmqDurableSends durable = this.template.durableSends();
					if (durable != null && durable.hasOutbox(name)) {
						throw new ZmqSendException(name, "the socket has a durable outbox, whose acknowledgements arrive "
								+ "on it; request-reply needs a REQ or DEALER socket of its own");
					}
					throw new ZmqSendException(name, "the socket is used by a listener, which receives what arrives on "
							+ "it; request-reply needs a REQ or DEALER socket of its own");
				}
				return correlation;
			});
		}
	}

}

package io.zmqspring.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketOwners;
import io.zmqspring.core.ZmqSocketType;

/**
 * The sockets a {@link ZmqTemplate} uses: the owner of each, shared with a listener that runs
 * it, and the subscription counts of publishers whose first send waits for subscribers. Owners
 * are acquired and released under the template's lifecycle monitor.
 *
 * @author zmq-spring-boot
 */
final class TemplateSockets {

	private static final Log logger = LogFactory.getLog(ZmqTemplate.class);

	private final ZmqTemplate template;

	private final ZmqSocketFactory socketFactory;

	private final Object lifecycleMonitor;

	private final TemplateRequests requests;

	private final Map<String, ZmqSocketOwner> sockets = new ConcurrentHashMap<>();

	private final Map<String, SubscriptionTracker> subscriptions = new ConcurrentHashMap<>();

	private Map<String, ZmqSubscriberWait> subscriberWaits = Map.of();

	TemplateSockets(ZmqTemplate template, ZmqSocketFactory socketFactory, Object lifecycleMonitor,
			TemplateRequests requests) {
		this.template = template;
		this.socketFactory = socketFactory;
		this.lifecycleMonitor = lifecycleMonitor;
		this.requests = requests;
	}

	void setSubscriberWaits(Map<String, ZmqSubscriberWait> subscriberWaits) {
		this.subscriberWaits = subscriberWaits;
	}

	/** Return the subscription count of a publishing socket, if it keeps one. */
	@Nullable SubscriptionTracker subscription(String socket) {
		return this.subscriptions.get(socket);
	}

	ZmqSocketOwner sendingSocket(String name) {
		ZmqSocketOwner owner = use(name);
		ZmqSocketType type = owner.getDefinition().type();
		if (!type.isOneWaySender()) {
			throw new ZmqSendException(name, "the template cannot send on a " + type
					+ " socket; use PUB, XPUB, PUSH, DEALER, ROUTER, PAIR, XSUB or CLIENT, or sendAndReceive for REQ");
		}
		if (!this.subscriberWaits.isEmpty()) {
			SubscriptionTracker tracker = this.subscriptions.get(name);
			if (tracker != null) {
				tracker.awaitFirstSend();
			}
		}
		return owner;
	}

	/** Return the owner of a socket, sharing the one a listener may already run. */
	ZmqSocketOwner use(String name) {
		ZmqSocketOwner owner = this.sockets.get(name);
		if (owner != null && owner.isOpen()) {
			return owner;
		}
		synchronized (this.lifecycleMonitor) {
			if (this.template.isStopped()) {
				throw new ZmqSendException(name, "the template is stopped");
			}
			owner = this.sockets.get(name);
			if (owner != null && owner.isOpen()) {
				return owner;
			}
			if (owner != null) {
				// It closed under us (the context is closing): forget it
				this.sockets.remove(name);
				this.requests.forget(name);
				this.subscriptions.remove(name);
			}
			ZmqSocketDefinition definition = this.socketFactory.getRegistry().findDefinition(name);
			if (definition == null) {
				ZmqSocketOwner running = this.socketFactory.getOwners().find(name);
				if (running == null) {
					// Throws the usual "no such socket" error
					definition = this.socketFactory.getRegistry().getDefinition(name);
				}
				else {
					definition = running.getDefinition();
				}
			}
			ZmqSubscriberWait wait = this.subscriberWaits.get(name);
			if (wait != null && definition.type() == ZmqSocketType.PUB) {
				definition = definition.withType(ZmqSocketType.XPUB);
			}
			ZmqSocketOwner acquired = this.socketFactory.getOwners().acquire(definition);
			if (wait != null && acquired.getDefinition().type() == ZmqSocketType.XPUB) {
				SubscriptionTracker tracker = new SubscriptionTracker(name, wait);
				acquired.attach(tracker);
				this.subscriptions.put(name, tracker);
			}
			this.sockets.put(name, acquired);
			return acquired;
		}
	}

	/** Release every socket; wait for those that close now, in parallel, under one deadline. */
	void closeSockets() {
		List<ZmqSocketOwner> closing = new ArrayList<>();
		for (ZmqSocketOwner owner : this.sockets.values()) {
			if (owner.release()) {
				closing.add(owner);
			}
		}
		this.sockets.clear();
		this.requests.clear();
		this.subscriptions.clear();
		for (ZmqSocketOwner late : ZmqSocketOwners.awaitClosed(closing, this.template.stopTimeout())) {
			logger.warn("ZeroMQ socket " + late.getName() + " did not close within "
					+ this.template.stopTimeout().toMillis() + " ms");
		}
	}

}

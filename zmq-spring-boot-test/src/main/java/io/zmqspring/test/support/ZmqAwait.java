package io.zmqspring.test.support;

import java.time.Duration;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.template.ZmqOperations;

/**
 * Waits a test can make before it sends, through the starter's own state: listener containers
 * from the {@link ZmqListenerEndpointRegistry}, connections from the sockets' statistics and
 * subscriptions from the template's subscriber count. Each throws an {@link AssertionError} that
 * says what it saw when the condition does not hold in time.
 *
 * @author zmq-spring-boot
 */
public final class ZmqAwait {

	private ZmqAwait() {
	}

	/**
	 * Wait until every listener that starts automatically is running with its socket open
	 * (bound or connecting).
	 * @param registry the application's listener registry
	 * @param timeout the longest wait
	 */
	public static void listenersRunning(ZmqListenerEndpointRegistry registry, Duration timeout) {
		Assert.notNull(registry, "'registry' must not be null");
		Waiting.until(() -> registry.getListenerContainers().stream().allMatch(ZmqAwait::runningIfAutoStartup),
				timeout, () -> "Listeners not running: " + registry.getListenerContainers()
					.stream()
					.filter((container) -> !runningIfAutoStartup(container))
					.map((container) -> container.getId() + " (" + container.getSocketState() + ")")
					.toList());
	}

	/**
	 * Wait until one listener is running with its socket open.
	 * @param registry the application's listener registry
	 * @param id the listener's id
	 * @param timeout the longest wait
	 */
	public static void listenerRunning(ZmqListenerEndpointRegistry registry, String id, Duration timeout) {
		Assert.notNull(registry, "'registry' must not be null");
		Waiting.until(() -> {
			ZmqListenerContainer container = registry.getListenerContainer(id);
			return container != null && running(container);
		}, timeout, () -> "Listener '" + id + "' not running (ids: " + registry.getListenerContainerIds() + ")");
	}

	/**
	 * Wait until a socket has at least {@code count} connections whose peer answered (its ZMTP
	 * greeting arrived): for a connecting socket, its servers are there; for a binding one, that
	 * many clients connected.
	 * @param socketFactory the application's socket factory
	 * @param socket the socket's name (an inline listener socket is named after the listener)
	 * @param count how many connections
	 * @param timeout the longest wait
	 */
	public static void connections(ZmqSocketFactory socketFactory, String socket, int count, Duration timeout) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Waiting.until(() -> greeted(socketFactory, socket) >= count, timeout, () -> "Socket '" + socket + "' has "
				+ greeted(socketFactory, socket) + " greeted connections, not " + count);
	}

	/**
	 * Wait until a PUB or XPUB socket that counts its subscribers
	 * ({@code zmq.sockets.<name>.wait-for-subscribers}, 0 to count without holding the first
	 * send) received {@code count} subscriptions: from then on its subscribers get what it sends.
	 * @param template the application's template
	 * @param socket the socket's name
	 * @param count how many subscriptions (a SUB counts once per topic)
	 * @param timeout the longest wait
	 */
	public static void subscribers(ZmqOperations template, String socket, int count, Duration timeout) {
		Assert.notNull(template, "'template' must not be null");
		if (!template.awaitSubscribers(socket, count, timeout)) {
			throw new AssertionError("Socket '" + socket + "' did not receive " + count + " subscriptions within "
					+ timeout);
		}
	}

	private static int greeted(ZmqSocketFactory socketFactory, String socket) {
		ZmqSocketStats stats = socketFactory.getOwners().getStats().get(socket);
		return (stats != null) ? stats.getGreetedConnections() : 0;
	}

	private static boolean runningIfAutoStartup(ZmqListenerContainer container) {
		return !container.isAutoStartup() || running(container);
	}

	private static boolean running(ZmqListenerContainer container) {
		return container.isRunning() && container.getSocketState() == ZmqSocketOwner.State.RUNNING;
	}

}

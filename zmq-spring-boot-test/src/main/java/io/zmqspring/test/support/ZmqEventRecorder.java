package io.zmqspring.test.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

import io.zmqspring.event.ZmqEvent;

/**
 * Records the starter's application events ({@code io.zmqspring.event}): connections and
 * disconnections, handshake failures, socket failures, listener starts and stops. Declare it as
 * a bean ({@code @Import(ZmqEventRecorder.class)}) and wait for one:
 * <pre class="code">
 * ZmqSocketConnectedEvent connected = events.await(ZmqSocketConnectedEvent.class,
 *         (event) -&gt; event.getSocketName().equals("orders"), Duration.ofSeconds(10));
 * </pre>
 * Events are published from a thread of the starter's, shortly after they happened.
 *
 * @author zmq-spring-boot
 */
public class ZmqEventRecorder implements ApplicationListener<ZmqEvent> {

	private final ZmqRecorder<ZmqEvent> events = new ZmqRecorder<>();

	@Override
	public void onApplicationEvent(ZmqEvent event) {
		this.events.record(event);
	}

	/**
	 * Wait for an event of a type that matches a condition, recorded before or during the wait.
	 * @param <E> the event type
	 * @param type the event type
	 * @param condition what the event must satisfy
	 * @param timeout the longest wait
	 * @return the first such event
	 * @throws AssertionError if none arrived in time, naming the events that did
	 */
	public <E extends ZmqEvent> E await(Class<E> type, Predicate<? super E> condition, Duration timeout) {
		Assert.notNull(type, "'type' must not be null");
		return type.cast(this.events.await((event) -> type.isInstance(event) && condition.test(type.cast(event)),
				timeout));
	}

	/**
	 * Return the events of a type recorded so far.
	 * @param <E> the event type
	 * @param type the event type
	 * @return the events, in the order they were published
	 */
	public <E extends ZmqEvent> List<E> events(Class<E> type) {
		return this.events.received().stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Forget the events recorded so far. */
	public void clear() {
		this.events.clear();
	}

}

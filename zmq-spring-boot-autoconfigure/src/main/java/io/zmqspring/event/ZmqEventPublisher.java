package io.zmqspring.event;

/**
 * Where socket owners and listener containers hand their {@link ZmqEvent}s. Called on a
 * socket's owner thread, so it must return at once and never run application code there.
 *
 * @author zmq-spring-boot
 * @see AsyncZmqEventPublisher
 */
@FunctionalInterface
public interface ZmqEventPublisher {

	/** Publishes nothing. */
	ZmqEventPublisher NONE = (event) -> {
	};

	/**
	 * Hand over an event, without waiting for it to be delivered.
	 * @param event the event
	 */
	void publish(ZmqEvent event);

}

package io.zmqspring.listener;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.observation.DefaultZmqListenerObservationConvention;
import io.zmqspring.observation.ZmqListenerObservation;
import io.zmqspring.observation.ZmqListenerObservationConvention;
import io.zmqspring.observation.ZmqReceiverContext;

/**
 * Observes each invocation of a listener: the container puts it around the listener only while
 * observations are on, so a container without them does no observation work at all. The
 * observation is in scope while the listener runs, and its context carries the message's headers
 * from the header frame, so a tracer continues the sender's trace.
 *
 * @author zmq-spring-boot
 */
final class ObservingMessageListener implements ZmqMessageListener {

	private final ZmqMessageListener delegate;

	private final ZmqSocketType type;

	private final ObservationRegistry registry;

	private final @Nullable ZmqListenerObservationConvention convention;

	ObservingMessageListener(ZmqMessageListener delegate, ZmqSocketType type, ObservationRegistry registry,
			@Nullable ZmqListenerObservationConvention convention) {
		this.delegate = delegate;
		this.type = type;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public byte @Nullable [] onMessage(ZmqInboundMessage message) throws Exception {
		// with a registry that has no handlers, no context is even created
		Observation observation = ZmqListenerObservation.LISTENER_OBSERVATION
			.observation(this.convention, DefaultZmqListenerObservationConvention.INSTANCE,
					() -> new ZmqReceiverContext(message.getListenerId(), message.getSocketName(), this.type,
							message.getTopic(), message.getHeaders()),
					this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			return this.delegate.onMessage(message);
		}
		catch (Throwable ex) {
			observation.error(ListenerInvoker.rootFailure(ex));
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}

package io.zmqspring.observation;

import io.micrometer.common.KeyValues;

import io.zmqspring.observation.ZmqListenerObservation.ListenerHighCardinalityTags;
import io.zmqspring.observation.ZmqListenerObservation.ListenerLowCardinalityTags;

/**
 * The default {@link ZmqListenerObservationConvention}: name {@code zmq.listener}, contextual
 * name {@code <socket> receive}, and the keys of {@link ZmqListenerObservation}. Extend it to add
 * keys.
 *
 * @author zmq-spring-boot
 */
public class DefaultZmqListenerObservationConvention implements ZmqListenerObservationConvention {

	/** A shared instance. */
	public static final DefaultZmqListenerObservationConvention INSTANCE = new DefaultZmqListenerObservationConvention();

	@Override
	public KeyValues getLowCardinalityKeyValues(ZmqReceiverContext context) {
		return KeyValues.of(ListenerLowCardinalityTags.LISTENER_ID.withValue(context.getListenerId()),
				ListenerLowCardinalityTags.SOCKET.withValue(context.getSocketName()),
				ListenerLowCardinalityTags.SOCKET_TYPE.withValue(context.getSocketType().name()),
				ListenerLowCardinalityTags.OUTCOME.withValue((context.getError() != null) ? "error" : "success"),
				ListenerLowCardinalityTags.MESSAGING_SYSTEM.withValue("zeromq"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ZmqReceiverContext context) {
		String topic = context.getTopic();
		return (topic != null) ? KeyValues.of(ListenerHighCardinalityTags.TOPIC.withValue(topic)) : KeyValues.empty();
	}

	@Override
	public String getContextualName(ZmqReceiverContext context) {
		return context.getSocketName() + " receive";
	}

}

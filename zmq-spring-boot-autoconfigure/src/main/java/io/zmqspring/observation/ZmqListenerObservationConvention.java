package io.zmqspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a listener observation and its keys. Declare a bean of this type (or set one on the
 * listener container factory) to replace {@link DefaultZmqListenerObservationConvention}.
 *
 * @author zmq-spring-boot
 * @see ZmqListenerObservation
 */
public interface ZmqListenerObservationConvention extends ObservationConvention<ZmqReceiverContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ZmqReceiverContext;
	}

	@Override
	default String getName() {
		return "zmq.listener";
	}

}

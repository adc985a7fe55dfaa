package io.zmqspring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a template observation and its keys. Declare a bean of this type (or set one on the
 * template) to replace {@link DefaultZmqTemplateObservationConvention}.
 *
 * @author zmq-spring-boot
 * @see ZmqTemplateObservation
 */
public interface ZmqTemplateObservationConvention extends ObservationConvention<ZmqSenderContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ZmqSenderContext;
	}

	@Override
	default String getName() {
		return "zmq.template";
	}

}

package io.zmqspring.observation;

import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.observation.ZmqTemplateObservation.TemplateHighCardinalityTags;
import io.zmqspring.observation.ZmqTemplateObservation.TemplateLowCardinalityTags;

/**
 * The default {@link ZmqTemplateObservationConvention}: name {@code zmq.template}, contextual
 * name {@code <socket> send} or {@code <socket> request}, and the keys of
 * {@link ZmqTemplateObservation}. Extend it to add keys.
 *
 * @author zmq-spring-boot
 */
public class DefaultZmqTemplateObservationConvention implements ZmqTemplateObservationConvention {

	/** A shared instance. */
	public static final DefaultZmqTemplateObservationConvention INSTANCE = new DefaultZmqTemplateObservationConvention();

	@Override
	public KeyValues getLowCardinalityKeyValues(ZmqSenderContext context) {
		return KeyValues.of(TemplateLowCardinalityTags.SOCKET.withValue(context.getSocketName()),
				TemplateLowCardinalityTags.SOCKET_TYPE.withValue(context.getSocketType().name()),
				TemplateLowCardinalityTags.OPERATION.withValue(context.getOperation().value()),
				TemplateLowCardinalityTags.OUTCOME.withValue(outcome(context.getError())),
				TemplateLowCardinalityTags.MESSAGING_SYSTEM.withValue("zeromq"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ZmqSenderContext context) {
		String topic = context.getTopic();
		return (topic != null) ? KeyValues.of(TemplateHighCardinalityTags.TOPIC.withValue(topic)) : KeyValues.empty();
	}

	@Override
	public String getContextualName(ZmqSenderContext context) {
		return context.getSocketName() + " " + context.getOperation().value();
	}

	/**
	 * Return the value of the {@code zmq.outcome} key for what the operation failed with.
	 * @param error the failure, or {@code null} if it succeeded
	 * @return {@code success}, {@code timeout}, {@code remote-error} or {@code failed}
	 */
	protected String outcome(@Nullable Throwable error) {
		if (error == null) {
			return "success";
		}
		if (error instanceof ZmqReplyTimeoutException) {
			return "timeout";
		}
		if (error instanceof ZmqRemoteException) {
			return "remote-error";
		}
		return "failed";
	}

}

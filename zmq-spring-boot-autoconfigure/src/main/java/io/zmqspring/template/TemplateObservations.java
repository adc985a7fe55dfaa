package io.zmqspring.template;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.observation.DefaultZmqTemplateObservationConvention;
import io.zmqspring.observation.ZmqSenderContext;
import io.zmqspring.observation.ZmqTemplateObservation;
import io.zmqspring.observation.ZmqTemplateObservationConvention;

/**
 * Observes the template's sends and requests, when observations are on. The template holds none
 * while they are off, so its hot path then costs one null check.
 *
 * @author zmq-spring-boot
 */
final class TemplateObservations {

	private final ObservationRegistry registry;

	private final @Nullable ZmqTemplateObservationConvention convention;

	TemplateObservations(ObservationRegistry registry, @Nullable ZmqTemplateObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe a send until the message is queued. The tracer fills the context's headers when the
	 * observation starts, before the message is built.
	 * @param target the socket
	 * @param topic the topic, or {@code null}
	 * @param send sends the message with the headers to put into its header frame
	 */
	void send(ZmqSocketOwner target, @Nullable String topic, Consumer<Map<String, String>> send) {
		ZmqSenderContext context = new ZmqSenderContext(target.getName(), target.getDefinition().type(),
				ZmqSenderContext.Operation.SEND, topic);
		Observation observation = start(context);
		try {
			send.accept(context.getHeaders());
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Observe a request until it completes.
	 * @param target the socket
	 * @param request sends the request with the headers to put into its header frame
	 * @return the request's future
	 */
	CompletableFuture<List<byte[]>> request(ZmqSocketOwner target,
			Function<Map<String, String>, CompletableFuture<List<byte[]>>> request) {
		ZmqSenderContext context = new ZmqSenderContext(target.getName(), target.getDefinition().type(),
				ZmqSenderContext.Operation.REQUEST, null);
		Observation observation = start(context);
		CompletableFuture<List<byte[]>> future;
		try {
			future = request.apply(context.getHeaders());
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		future.whenComplete((reply, ex) -> {
			if (ex != null) {
				observation.error((ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
			}
			else {
				context.setResponse(reply);
			}
			observation.stop();
		});
		return future;
	}

	private Observation start(ZmqSenderContext context) {
		return ZmqTemplateObservation.TEMPLATE_OBSERVATION
			.observation(this.convention, DefaultZmqTemplateObservationConvention.INSTANCE, () -> context,
					this.registry)
			.start();
	}

}

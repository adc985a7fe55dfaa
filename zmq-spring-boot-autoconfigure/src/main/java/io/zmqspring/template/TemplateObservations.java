package io.zmqspring.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqHeaderFrame;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.observation.DefaultZmqTemplateObservationConvention;
import io.zmqspring.observation.ZmqSenderContext;
import io.zmqspring.observation.ZmqTemplateObservation;
import io.zmqspring.observation.ZmqTemplateObservationConvention;

/**
 * Observes the template's sends and requests, when observations are on, and carries the trace
 * headers a tracer puts into the observation's context in the message's header frame, when the
 * socket has the header frame enabled (and its allow-list lets them out). The template holds none
 * of this while observations are off, so its hot path then costs one null check.
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
	 * Observe a send until the message is queued.
	 * @param target the socket
	 * @param topic the topic, or {@code null}
	 * @param frames the message: the payload is the last frame
	 * @param sink hands the message, with the trace headers, to the socket
	 */
	void send(ZmqSocketOwner target, @Nullable String topic, byte[][] frames,
			java.util.function.BiConsumer<ZmqSocketOwner, Object> sink) {
		// the tracer fills the context's headers as the observation starts
		Observation observation = start(target, ZmqSenderContext.Operation.SEND, topic);
		try {
			sink.accept(target, withTrace(target.getDefinition().options().headers(), frames, headers(observation)));
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
	 * @param frames the request: the payload is the last frame
	 * @param request sends the request, with the trace headers in its frames
	 * @return the request's future
	 */
	CompletableFuture<List<byte[]>> request(ZmqSocketOwner target, List<byte[]> frames,
			Function<List<byte[]>, CompletableFuture<List<byte[]>>> request) {
		Observation observation = start(target, ZmqSenderContext.Operation.REQUEST, null);
		CompletableFuture<List<byte[]>> future;
		try {
			future = request.apply(List.of(withTrace(target.getDefinition().options().headers(),
					frames.toArray(new byte[0][]), headers(observation))));
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
			else if (observation.getContext() instanceof ZmqSenderContext context) {
				context.setResponse(reply);
			}
			observation.stop();
		});
		return future;
	}

	/** Start an observation; with a registry that has no handlers, no context is even created. */
	private Observation start(ZmqSocketOwner target, ZmqSenderContext.Operation operation, @Nullable String topic) {
		return ZmqTemplateObservation.TEMPLATE_OBSERVATION
			.observation(this.convention, DefaultZmqTemplateObservationConvention.INSTANCE,
					() -> new ZmqSenderContext(target.getName(), target.getDefinition().type(), operation, topic),
					this.registry)
			.start();
	}

	private static Map<String, String> headers(Observation observation) {
		return (observation.getContext() instanceof ZmqSenderContext context) ? context.getHeaders() : Map.of();
	}

	/**
	 * Return the frames with the trace headers in the header frame right before the payload: added
	 * to the header frame the message has, or in a new one. Unchanged when the socket has the header
	 * frame disabled or its allow-list lets none of them out.
	 * @param settings the socket's header frame settings
	 * @param frames the frames, the payload last
	 * @param trace the trace headers
	 * @return the frames to send
	 */
	static byte[][] withTrace(ZmqHeaderSettings settings, byte[][] frames, Map<String, String> trace) {
		if (!settings.enabled() || trace.isEmpty()) {
			return frames;
		}
		Map<String, String> allowed = settings.outbound(trace);
		if (allowed.isEmpty()) {
			return frames;
		}
		int last = frames.length - 1;
		if (last > 0 && ZmqHeaderFrame.isHeaderFrame(frames[last - 1])) {
			Map<String, String> merged = new LinkedHashMap<>(ZmqHeaderFrame.decode(frames[last - 1]));
			merged.putAll(allowed);
			byte[][] traced = frames.clone();
			traced[last - 1] = ZmqHeaderFrame.encode(merged);
			return traced;
		}
		byte[][] traced = new byte[frames.length + 1][];
		System.arraycopy(frames, 0, traced, 0, last);
		traced[last] = ZmqHeaderFrame.encode(allowed);
		traced[last + 1] = frames[last];
		return traced;
	}

}

package io.zmqspring.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static io.zmqspring.observation.ZmqObservationTests.bytes;
import static io.zmqspring.observation.ZmqObservationTests.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace crosses the wire, over tcp, from a template send or request to a listener, only through
 * the opt-in header frame: with a real tracer (Brave through Micrometer Tracing, W3C
 * {@code traceparent}) on both sides, the listener runs in the caller's trace.
 */
class TracePropagationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

	private final Tracing tracing = Tracing.newBuilder()
		.currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder().build())
		.propagationFactory(new W3CPropagation())
		.traceId128Bit(true)
		.sampler(Sampler.ALWAYS_SAMPLE)
		.addSpanHandler(new SpanHandler() {
			@Override
			public boolean end(TraceContext context, MutableSpan span, Cause cause) {
				TracePropagationTests.this.spans.add(span);
				return true;
			}
		})
		.build();

	private final Tracer tracer = new BraveTracer(this.tracing.tracer(),
			new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> this.registry)
		.withBean(Tracer.class, () -> this.tracer)
		.withPropertyValues("zmq.template.observation-enabled=true", "zmq.listener.observation-enabled=true");

	TracePropagationTests() {
		BravePropagator propagator = new BravePropagator(this.tracing);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
	}

	@AfterEach
	void closeTracing() {
		this.tracing.close();
	}

	@Test
	void aSendCarriesTheTraceToTheListenerThroughTheHeaderFrame() {
		this.runner.withUserConfiguration(TracedSink.class)
			.withPropertyValues(pipeline(FreePorts.tcp()))
			.withPropertyValues("zmq.defaults.headers.enabled=true")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String traceId = inSpan(() -> template.send("out", bytes("traced")));
				TracedSink sink = context.getBean(TracedSink.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.traceIds).hasSize(1));
				assertThat(sink.traceIds).containsExactly(traceId);
				assertThat(sink.traceparents).singleElement().asString().startsWith("00-" + traceId + "-");
				// [header frame][payload]
				assertThat(sink.frameCounts).containsExactly(2);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(spanNames()).contains("out send", "in receive"));
				MutableSpan send = span("out send");
				MutableSpan receive = span("in receive");
				assertThat(send.traceId()).isEqualTo(traceId);
				assertThat(receive.traceId()).isEqualTo(traceId);
				assertThat(receive.parentId()).isEqualTo(send.id());
				assertThat(receive.tag("zmq.listener.id")).isEqualTo("sink");
			});
	}

	@Test
	void theTraceJoinsTheHeadersOfAMessageInOneHeaderFrame() {
		this.runner.withUserConfiguration(TracedSink.class)
			.withPropertyValues(pipeline(FreePorts.tcp()))
			.withPropertyValues("zmq.defaults.headers.enabled=true")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String traceId = inSpan(() -> template.send("out",
						MessageBuilder.withPayload(bytes("traced")).setHeader("contentType", "text/plain").build()));
				TracedSink sink = context.getBean(TracedSink.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.traceIds).hasSize(1));
				assertThat(sink.traceIds).containsExactly(traceId);
				assertThat(sink.contentTypes).containsExactly("text/plain");
				assertThat(sink.frameCounts).containsExactly(2);
			});
	}

	@Test
	void aRequestCarriesTheTraceToTheRepliersListener() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(TracedReplier.class)
			.withPropertyValues("zmq.defaults.headers.enabled=true", "zmq.sockets.echo.type=REP",
					"zmq.sockets.echo.endpoints=@" + endpoint, "zmq.sockets.ask.type=REQ",
					"zmq.sockets.ask.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				List<byte[]> replies = new CopyOnWriteArrayList<>();
				String traceId = inSpan(() -> replies.add(template.sendAndReceive("ask", bytes("hello"), TIMEOUT)));
				// the replier answers with the trace id it ran in
				assertThat(replies).singleElement()
					.extracting((reply) -> new String(reply, StandardCharsets.UTF_8))
					.isEqualTo(traceId);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(spanNames()).contains("ask request"));
				assertThat(span("ask request").traceId()).isEqualTo(traceId);
				assertThat(span("ask request").tag("zmq.outcome")).isEqualTo("success");
			});
	}

	@Test
	void withoutTheHeaderFrameNoTraceAndNoExtraFrameCrossTheWire() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(TracedSink.class)
			.withPropertyValues(pipeline(endpoint))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String traceId = inSpan(() -> template.send("out", bytes("traced")));
				TracedSink sink = context.getBean(TracedSink.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.traceIds).hasSize(1));
				// the listener is observed, but in a trace of its own
				assertThat(sink.traceIds.get(0)).isNotNull().isNotEqualTo(traceId);
				assertThat(sink.traceparents).containsExactly((String) null);
				// exactly the frames a plain libzmq peer sees: the payload alone
				assertThat(sink.frameCounts).containsExactly(1);
			});
	}

	/** Run something in a new span of the caller's; return that span's trace id. */
	private String inSpan(Runnable action) {
		Span caller = this.tracer.nextSpan().name("caller").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(caller)) {
			action.run();
		}
		finally {
			caller.end();
		}
		return caller.context().traceId();
	}

	private List<String> spanNames() {
		return this.spans.stream().map(MutableSpan::name).toList();
	}

	private MutableSpan span(String name) {
		return this.spans.stream().filter((span) -> name.equals(span.name())).findFirst().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class TracedSink {

		final List<String> traceIds = new CopyOnWriteArrayList<>();

		final List<String> traceparents = new CopyOnWriteArrayList<>();

		final List<Integer> frameCounts = new CopyOnWriteArrayList<>();

		final List<Object> contentTypes = new CopyOnWriteArrayList<>();

		private final Tracer tracer;

		TracedSink(Tracer tracer) {
			this.tracer = tracer;
		}

		@ZmqListener(id = "sink", socket = "in")
		void receive(Message<byte[]> message) {
			Span current = this.tracer.currentSpan();
			List<?> frames = message.getHeaders().get(ZmqHeaders.FRAMES, List.class);
			this.frameCounts.add((frames != null) ? frames.size() : -1);
			this.traceparents.add(message.getHeaders().get("traceparent", String.class));
			this.contentTypes.add(message.getHeaders().getOrDefault("contentType", "none"));
			this.traceIds.add((current != null) ? current.context().traceId() : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TracedReplier {

		private final Tracer tracer;

		TracedReplier(Tracer tracer) {
			this.tracer = tracer;
		}

		/** Answers with the trace id it runs in. */
		@ZmqListener(socket = "echo")
		String echo(String request) {
			Span current = this.tracer.currentSpan();
			return (current != null) ? current.context().traceId() : "no trace";
		}

	}

}

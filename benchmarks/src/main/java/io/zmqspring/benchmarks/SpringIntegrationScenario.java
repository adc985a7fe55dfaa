package io.zmqspring.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.zeromq.dsl.ZeroMq;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.integration.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.zmqspring.integration.dsl.ZmqIntegration;

/**
 * 9: Spring Integration's ZeroMQ adapters (ZeroMqMessageHandler PUSH into ZeroMqMessageProducer
 * PULL) against the starter's end-to-end String path, and the starter's own Spring Integration
 * adapters (ZmqOutboundChannelAdapter PUSH into ZmqInboundChannelAdapter PULL) against both.
 * <p>
 * Spring Integration is set up as its documentation shows: an application context with
 * {@code @EnableIntegration} and two {@link IntegrationFlow}s built with the {@link ZeroMq} DSL.
 * The harness thread sends a {@code Message<String>} into the outbound flow's input channel (the
 * same one every time, as messages are immutable, except in the variant that builds one per send); the
 * {@code ZeroMqMessageHandler} converts them with its default converter (UTF-8 bytes) and sends them
 * from its own scheduler thread. The {@code ZeroMqMessageProducer} polls its PULL socket and maps
 * each frame to a {@code Message<String>} (its default converter would produce {@code byte[]}); the
 * flow ends in a handler that counts String payloads.
 */
final class SpringIntegrationScenario {

	/**
	 * How long the inbound adapter sleeps when a poll of its socket finds nothing. Its default of one
	 * second is often asleep when a round starts (the adapter idles between rounds), which costs up to
	 * a second per round and swamps short rounds; a millisecond keeps the figure about throughput,
	 * in Spring Integration's favour.
	 */
	static final Duration CONSUME_DELAY = Duration.ofMillis(1);

	private final Harness harness;

	SpringIntegrationScenario(Harness harness) {
		this.harness = harness;
	}

	List<Row> run(String scenario) throws Exception {
		Row si = springIntegration(scenario);
		Row starter = new ThroughputScenarios(this.harness).starterEndToEnd(scenario, false,
				this.harness.messages(1_000_000));
		Row adapters = starterAdapters(scenario, "starter SI adapters", false);
		Row building = starterAdapters(scenario, "starter SI adapters, new Message per send", true);
		return List.of(si, starter.withRatio(si.median(), "vs Spring Integration"),
				adapters.withRatio(si.median(), "vs Spring Integration"),
				adapters.withRatio(starter.median(), "vs the starter's template -> listener"),
				building.withRatio(starter.median(), "vs the starter's template -> listener"));
	}

	/**
	 * The starter's own Spring Integration adapters in the same flows: an outbound channel adapter
	 * on a PUSH socket into an inbound channel adapter on a PULL socket, with a String payload type.
	 * @param building whether the harness thread builds a new message for every send, which costs
	 * it about as much as the adapters' whole send path
	 */
	private Row starterAdapters(String scenario, String variant, boolean building) throws Exception {
		String endpoint = Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(StarterFlows.class, "zmq.sockets.rx.type=PULL",
				"zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.tx.type=PUSH",
				"zmq.sockets.tx.endpoints=>" + endpoint)) {
			MessageChannel input = app.getBean(StarterFlows.INPUT, MessageChannel.class);
			return this.harness.throughput(scenario, variant, this.harness.messages(1_000_000),
					StarterFlows.COUNTER.sendingInto(input, "The starter's adapters", building), ThreadSet.none());
		}
	}

	private Row springIntegration(String scenario) throws Exception {
		long messages = this.harness.messages(100_000);
		Counter counter = new Counter(URI.create(Endpoints.tcp()).getPort());
		// The inbound adapter makes a single-thread Reactor scheduler that it disposes only when its
		// polling Flux completes, which stopping it (a cancel) does not do: track and dispose it.
		TrackingSchedulers schedulers = new TrackingSchedulers();
		Schedulers.setFactory(schedulers);
		// The ZContexts outlive the application context, so the adapters close their sockets first.
		try (ZContext senderContext = new ZContext(1);
				ZContext receiverContext = new ZContext(1);
				ConfigurableApplicationContext app = new SpringApplicationBuilder(SiFlows.class)
					.web(WebApplicationType.NONE)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.properties("logging.level.root=warn", "spring.main.register-shutdown-hook=false")
					.initializers((context) -> {
						GenericApplicationContext generic = (GenericApplicationContext) context;
						generic.registerBean(Counter.class, () -> counter);
						generic.registerBean(SiFlows.SENDER_CONTEXT, ZContext.class, () -> senderContext,
								(definition) -> definition.setDestroyMethodName(""));
						generic.registerBean(SiFlows.RECEIVER_CONTEXT, ZContext.class, () -> receiverContext,
								(definition) -> definition.setDestroyMethodName(""));
					})
					.run()) {
			MessageChannel input = app.getBean(SiFlows.INPUT, MessageChannel.class);
			return this.harness.throughput(scenario, "spring-integration", messages,
					counter.sendingInto(input, "Spring Integration", false), ThreadSet.none());
		}
		finally {
			schedulers.disposeAll();
			// Also shuts down the shared boundedElastic and parallel schedulers the adapters used.
			Schedulers.resetFactory();
		}
	}

	/** The starter's adapters, as a Spring Integration user would write them with {@link ZmqIntegration}. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZmqIntegrationAutoConfiguration.class })
	@EnableIntegration
	static class StarterFlows {

		static final String INPUT = "starterInput";

		static final Counter COUNTER = new Counter(0);

		@Bean
		IntegrationFlow starterOutbound(ZmqIntegration zmq) {
			return IntegrationFlow.from(INPUT).handle(zmq.outboundAdapter("tx")).get();
		}

		@Bean
		IntegrationFlow starterInbound(ZmqIntegration zmq) {
			return IntegrationFlow.from(zmq.inboundAdapter("rx").id("bench-rx").payloadType(String.class))
				.handle((message) -> COUNTER.accept(message.getPayload()))
				.get();
		}

	}

	/** Where the inbound adapter binds, and what its flow counts. */
	static final class Counter {

		final int port;

		final AtomicLong received = new AtomicLong();

		final AtomicLong foreign = new AtomicLong();

		final AtomicReference<String> example = new AtomicReference<>();

		Counter(int port) {
			this.port = port;
		}

		/**
		 * A round: send {@code Message<String>}s into a flow's input channel, as the harness thread,
		 * and wait until this counter has seen them all. Messages are immutable: unless
		 * {@code building}, the same one is sent every time, so that the figure is about the
		 * adapters and not about making messages.
		 */
		Harness.RoundBody sendingInto(MessageChannel input, String who, boolean building) {
			Message<String> prebuilt = MessageBuilder.withPayload(Bench.TEXT).build();
			return (count) -> {
				long target = this.received.get() + count;
				for (long i = 0; i < count; i++) {
					input.send(building ? MessageBuilder.withPayload(Bench.TEXT).build() : prebuilt);
				}
				Harness.awaitCount(() -> this.received.get() + this.foreign.get(), target, 120);
				if (this.foreign.get() > 0) {
					throw new IllegalStateException(who + " delivered " + this.foreign.get()
							+ " payloads that are not the String sent, for example " + this.example.get());
				}
			};
		}

		void accept(Object payload) {
			if (payload instanceof String text && text.length() == Bench.SIZE) {
				this.received.incrementAndGet();
			}
			else {
				this.example.compareAndSet(null, payload.getClass().getName() + " " + payload);
				this.foreign.incrementAndGet();
			}
		}

	}

	/** Reactor's default schedulers, remembering every single-thread scheduler made. */
	static final class TrackingSchedulers implements Schedulers.Factory {

		private final List<Scheduler> singles = new CopyOnWriteArrayList<>();

		@Override
		public Scheduler newSingle(ThreadFactory threadFactory) {
			Scheduler scheduler = Schedulers.Factory.super.newSingle(threadFactory);
			this.singles.add(scheduler);
			return scheduler;
		}

		void disposeAll() {
			this.singles.forEach(Scheduler::dispose);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class SiFlows {

		static final String INPUT = "siInput";

		static final String SENDER_CONTEXT = "siSenderContext";

		static final String RECEIVER_CONTEXT = "siReceiverContext";

		/** Input channel into a PUSH socket that connects to the inbound adapter. */
		@Bean
		IntegrationFlow siOutbound(@Qualifier(SENDER_CONTEXT) ZContext siSenderContext, Counter counter) {
			return IntegrationFlow.from(INPUT)
				.handle(ZeroMq
					.outboundChannelAdapter(siSenderContext, "tcp://127.0.0.1:" + counter.port, SocketType.PUSH)
					.socketConfigurer((socket) -> socket.setSndHWM(Bench.HWM)))
				.get();
		}

		/** A PULL socket bound to the port (the adapter binds tcp://*), into the counter. */
		@Bean
		IntegrationFlow siInbound(@Qualifier(RECEIVER_CONTEXT) ZContext siReceiverContext, Counter counter) {
			return IntegrationFlow
				.from(ZeroMq.inboundChannelAdapter(siReceiverContext, SocketType.PULL)
					.bindPort(counter.port)
					.consumeDelay(CONSUME_DELAY)
					.messageMapper((bytes, headers) -> MessageBuilder
						.withPayload(new String(bytes, StandardCharsets.UTF_8))
						.copyHeaders(headers)
						.build())
					.socketConfigurer((socket) -> socket.setRcvHWM(Bench.HWM)))
				.handle((message) -> counter.accept(message.getPayload()))
				.get();
		}

	}

}

package io.zmqspring.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.zeromq.SocketType;
import org.zeromq.ZContext;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.zeromq.dsl.ZeroMq;
import org.springframework.messaging.MessageChannel;

import io.zmqspring.benchmarks.Harness.ThreadSet;

/**
 * 9: Spring Integration's ZeroMQ adapters (ZeroMqMessageHandler PUSH into ZeroMqMessageProducer
 * PULL) against the starter's end-to-end String path.
 */
final class SpringIntegrationScenario {

	private final Harness harness;

	SpringIntegrationScenario(Harness harness) {
		this.harness = harness;
	}

	List<Row> run(String scenario) throws Exception {
		Row si = springIntegration(scenario);
		if (Boolean.getBoolean("si.only")) return List.of(si);
		Row starter = new ThroughputScenarios(this.harness).starterEndToEnd(scenario, false,
				this.harness.messages(1_000_000));
		return List.of(si, starter.withRatio(si.median(), "vs Spring Integration"));
	}

	private Row springIntegration(String scenario) throws Exception {
		long messages = this.harness.messages(100_000);
		Counter counter = new Counter(URI.create(Endpoints.tcp()).getPort());
		try (AnnotationConfigApplicationContext app = new AnnotationConfigApplicationContext()) {
			app.registerBean(Counter.class, () -> counter);
			app.register(SiFlows.class);
			app.refresh();
			MessageChannel input = app.getBean(SiFlows.INPUT, MessageChannel.class);
			return this.harness.throughput(scenario, "spring-integration", messages, (count) -> {
				long target = counter.received.get() + count;
				for (long i = 0; i < count; i++) {
					input.send(MessageBuilder.withPayload(Bench.TEXT).build());
				}
				Harness.awaitCount(() -> counter.received.get() + counter.foreign.get(), target, 120);
				if (counter.foreign.get() > 0) {
					throw new IllegalStateException("Spring Integration delivered " + counter.foreign.get()
							+ " payloads that are not the String sent, for example " + counter.example.get());
				}
			}, ThreadSet.none());
		}
		finally {
			Thread.sleep(500);
			Thread.getAllStackTraces().keySet().forEach((t) -> System.out.println("THREAD " + t.getName() + " daemon=" + t.isDaemon()));
		}
	}

	/** Where the inbound adapter binds, and what its flow counts. */
	static final class Counter {

		final int port;

		final AtomicLong received = new AtomicLong();

		final AtomicLong foreign = new AtomicLong();

		final AtomicReference<Object> example = new AtomicReference<>();

		Counter(int port) {
			this.port = port;
		}

		void accept(Object payload) {
			if (payload instanceof String text && text.length() == Bench.SIZE) {
				this.received.incrementAndGet();
			}
			else {
				this.example.compareAndSet(null, payload.getClass().getName() + ": " + ((payload instanceof byte[] b) ? b.length + " " + new String(b, java.nio.charset.StandardCharsets.UTF_8) : payload));
				this.foreign.incrementAndGet();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class SiFlows {

		static final String INPUT = "siInput";

		@Bean(destroyMethod = "close")
		ZContext siSenderContext() {
			return new ZContext(1);
		}

		@Bean(destroyMethod = "close")
		ZContext siReceiverContext() {
			return new ZContext(1);
		}

		@Bean
		IntegrationFlow siOutbound(ZContext siSenderContext, Counter counter) {
			return IntegrationFlow.from(INPUT)
				.handle(ZeroMq.outboundChannelAdapter(siSenderContext, "tcp://127.0.0.1:" + counter.port, SocketType.PUSH)
					.socketConfigurer((socket) -> socket.setSndHWM(Bench.HWM)))
				.get();
		}

		@Bean
		IntegrationFlow siInbound(ZContext siReceiverContext, Counter counter) {
			return IntegrationFlow
				.from(ZeroMq.inboundChannelAdapter(siReceiverContext, SocketType.PULL)
					.bindPort(counter.port)
					.consumeDelay(java.time.Duration.parse(System.getProperty("si.delay", "PT1S")))
					.messageMapper((bytes, headers) -> MessageBuilder.withPayload(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).copyHeaders(headers).build())
					.socketConfigurer((socket) -> socket.setRcvHWM(Bench.HWM)))
				.handle((message) -> counter.accept(message.getPayload()))
				.get();
		}

	}

}

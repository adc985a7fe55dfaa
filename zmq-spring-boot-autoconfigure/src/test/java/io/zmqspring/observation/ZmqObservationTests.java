package io.zmqspring.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Template sends, request-reply and listener invocations as Micrometer observations, asserted
 * with a {@link TestObservationRegistry} (which also checks that every observation is started,
 * stopped and scoped correctly) after real traffic over tcp.
 */
class ZmqObservationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	/** The contexts of the observations that stopped, in the order they stopped. */
	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	ZmqObservationTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				ZmqObservationTests.this.stopped.add(context);
			}
		});
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> this.registry);

	@Test
	void nothingIsObservedByDefault() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Sink.class)
			.withPropertyValues(pipeline(endpoint))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 5; i++) {
					template.send("out", bytes("m" + i));
				}
				Sink sink = context.getBean(Sink.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.received).hasSize(5));
				assertThat(this.registry).doesNotHaveAnyObservation();
			});
	}

	@Test
	void templateSendsAreObservedWithSocketTypeOperationAndOutcome() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Sink.class)
			.withPropertyValues(pipeline(endpoint))
			.withPropertyValues("zmq.template.observation-enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 3; i++) {
					template.convertAndSend("out", "m" + i);
				}
				Sink sink = context.getBean(Sink.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sink.received).hasSize(3));
				assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("zmq.template", 3)
					.hasObservationWithNameEqualTo("zmq.template")
					.that()
					.hasContextualNameEqualTo("out send")
					.hasLowCardinalityKeyValue("zmq.socket", "out")
					.hasLowCardinalityKeyValue("zmq.socket.type", "PUSH")
					.hasLowCardinalityKeyValue("zmq.operation", "send")
					.hasLowCardinalityKeyValue("zmq.outcome", "success")
					.hasLowCardinalityKeyValue("messaging.system", "zeromq")
					.hasBeenStopped();
				// the listener is not observed: only the template's switch is on
				assertThat(contexts(ZmqReceiverContext.class)).isEmpty();
			});
	}

	@Test
	void requestsAreObservedUntilTheirReplyTimeoutOrErrorReply() {
		String endpoint = FreePorts.tcp();
		String nobody = FreePorts.tcp();
		this.runner.withUserConfiguration(Echo.class)
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.sockets.echo.type=REP",
					"zmq.sockets.echo.endpoints=@" + endpoint, "zmq.sockets.ask.type=REQ",
					"zmq.sockets.ask.endpoints=>" + endpoint, "zmq.sockets.void.type=REQ",
					"zmq.sockets.void.endpoints=>" + nobody)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.sendAndReceive("ask", bytes("hello"), TIMEOUT)).asString(StandardCharsets.UTF_8)
					.isEqualTo("hello");
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.sendAndReceive("ask", bytes("fail"), TIMEOUT));
				assertThatExceptionOfType(ZmqReplyTimeoutException.class)
					.isThrownBy(() -> template.sendAndReceive("void", bytes("hello"), Duration.ofMillis(200)));
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stopped(ZmqSenderContext.class)).hasSize(3));
				List<ZmqSenderContext> requests = contexts(ZmqSenderContext.class);
				assertThat(requests).allSatisfy((request) -> {
					assertThat(request.getOperation()).isEqualTo(ZmqSenderContext.Operation.REQUEST);
					assertThat(request.getSocketType()).isEqualTo(ZmqSocketType.REQ);
				});
				assertThat(requests).extracting((request) -> key(request, "zmq.outcome"))
					.containsExactly("success", "remote-error", "timeout");
				assertThat(requests.get(0).getResponse()).singleElement()
					.extracting((frame) -> new String(frame, StandardCharsets.UTF_8))
					.isEqualTo("hello");
				assertThat(requests.get(1).getError()).isInstanceOf(ZmqRemoteException.class);
				assertThat(requests.get(2).getError()).isInstanceOf(ZmqReplyTimeoutException.class);
				assertThat(requests.get(2).getContextualName()).isEqualTo("void request");
			});
	}

	@Test
	void listenerInvocationsAreObservedAndInScopeWhileTheListenerRuns() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Sink.class)
			.withPropertyValues(pipeline(endpoint))
			.withPropertyValues("zmq.listener.observation-enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.send("out", bytes("ok"));
				template.send("out", bytes("fail"));
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stopped(ZmqReceiverContext.class)).hasSize(2));
				List<ZmqReceiverContext> invocations = contexts(ZmqReceiverContext.class);
				assertThat(invocations).allSatisfy((invocation) -> {
					assertThat(invocation.getName()).isEqualTo("zmq.listener");
					assertThat(invocation.getContextualName()).isEqualTo("in receive");
					assertThat(key(invocation, "zmq.listener.id")).isEqualTo("sink");
					assertThat(key(invocation, "zmq.socket")).isEqualTo("in");
					assertThat(key(invocation, "zmq.socket.type")).isEqualTo("PULL");
				});
				assertThat(invocations).extracting((invocation) -> key(invocation, "zmq.outcome"))
					.containsExactly("success", "error");
				assertThat(invocations.get(1).getError()).isInstanceOf(IllegalStateException.class)
					.hasMessage("failed on purpose");
				Sink sink = context.getBean(Sink.class);
				assertThat(sink.current).hasSize(2);
				assertThat(sink.current.get(0).getContext()).isSameAs(invocations.get(0));
				// the template is not observed: only the listener's switch is on
				assertThat(contexts(ZmqSenderContext.class)).isEmpty();
			});
	}

	@Test
	void theSwitchesNeedAnObservationRegistryBean() {
		String endpoint = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(Echo.class)
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.listener.observation-enabled=true",
					"zmq.sockets.echo.type=REP", "zmq.sockets.echo.endpoints=@" + endpoint, "zmq.sockets.ask.type=REQ",
					"zmq.sockets.ask.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZmqTemplate.class).sendAndReceive("ask", bytes("hello"), TIMEOUT))
					.asString(StandardCharsets.UTF_8)
					.isEqualTo("hello");
			});
	}

	@Test
	void conventionBeansReplaceTheDefaultConventions() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(Sink.class)
			.withBean(ZmqTemplateObservationConvention.class, () -> new DefaultZmqTemplateObservationConvention() {
				@Override
				public String getName() {
					return "orders.out";
				}
			})
			.withBean(ZmqListenerObservationConvention.class, () -> new DefaultZmqListenerObservationConvention() {
				@Override
				public io.micrometer.common.KeyValues getLowCardinalityKeyValues(ZmqReceiverContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "orders");
				}
			})
			.withPropertyValues(pipeline(endpoint))
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.listener.observation-enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class).send("out", bytes("ok"));
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stopped(ZmqReceiverContext.class)).hasSize(1));
				assertThat(this.registry).hasObservationWithNameEqualTo("orders.out")
					.that()
					.hasLowCardinalityKeyValue("zmq.socket", "out");
				assertThat(this.registry).hasObservationWithNameEqualTo("zmq.listener")
					.that()
					.hasLowCardinalityKeyValue("team", "orders")
					.hasLowCardinalityKeyValue("zmq.listener.id", "sink");
			});
	}

	private <C extends Observation.Context> List<C> contexts(Class<C> type) {
		List<C> found = new CopyOnWriteArrayList<>();
		assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.forEach(found::add));
		return found;
	}

	private <C extends Observation.Context> List<C> stopped(Class<C> type) {
		return this.stopped.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static String key(Observation.Context context, String name) {
		KeyValue value = context.getLowCardinalityKeyValue(name);
		return (value != null) ? value.getValue() : null;
	}

	static String[] pipeline(String endpoint) {
		return new String[] { "zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=@" + endpoint,
				"zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint };
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class Sink {

		final List<String> received = new CopyOnWriteArrayList<>();

		/** The observation current while the listener ran, for each message. */
		final List<Observation> current = new CopyOnWriteArrayList<>();

		private final ObservationRegistry registry;

		Sink(ObservationRegistry registry) {
			this.registry = registry;
		}

		@ZmqListener(id = "sink", socket = "in")
		void receive(String payload) {
			Observation observation = this.registry.getCurrentObservation();
			if (observation != null) {
				this.current.add(observation);
			}
			this.received.add(payload);
			if (payload.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Echo {

		@ZmqListener(socket = "echo")
		String echo(String request) {
			if (request.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
			return request;
		}

	}

}

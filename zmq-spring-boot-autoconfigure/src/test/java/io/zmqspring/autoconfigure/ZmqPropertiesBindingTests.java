package io.zmqspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketCustomizer;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code zmq.*} properties bind into the context, the socket definitions and, through the
 * socket factory, the JeroMQ sockets themselves.
 */
class ZmqPropertiesBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	private static final String[] ALL_DEFAULTS = { "zmq.defaults.send-hwm=50", "zmq.defaults.receive-hwm=60",
			"zmq.defaults.linger=250ms", "zmq.defaults.reconnect-interval=200ms",
			"zmq.defaults.reconnect-interval-max=3s", "zmq.defaults.heartbeat-interval=2s",
			"zmq.defaults.heartbeat-timeout=1500ms", "zmq.defaults.heartbeat-ttl=10s", "zmq.defaults.send-timeout=750ms",
			"zmq.defaults.max-message-size=1MB", "zmq.defaults.immediate=true",
			"zmq.defaults.handshake-interval=4s" };

	@Test
	void ioThreadsReachTheContext() {
		this.runner.withPropertyValues("zmq.context.io-threads=3")
			.run((context) -> assertThat(context.getBean(ZContext.class).getIoThreads()).isEqualTo(3));
	}

	@Test
	void contextHasOneIoThreadByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(ZContext.class).getIoThreads()).isEqualTo(1));
	}

	@Test
	void shutdownTimeoutReachesTheContextCloser() {
		this.runner.withPropertyValues("zmq.context.shutdown-timeout=2s")
			.run((context) -> assertThat(context.getBean(ZmqContextCloser.class)).extracting("timeout")
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void shutdownTimeoutCapsTheSocketLinger() {
		this.runner.withPropertyValues("zmq.context.shutdown-timeout=2s")
			.run((context) -> assertThat(context.getBean(ZmqSocketFactory.class)).extracting("maxLinger")
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void builtInDefaultsApplyWithoutConfiguration() {
		this.runner.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefaultOptions())
			.isEqualTo(new ZmqSocketOptions(1000, 1000, Duration.ofSeconds(1), Duration.ofMillis(100),
					Duration.ofSeconds(5), Duration.ZERO, null, null, Duration.ofSeconds(1), null, false,
					Duration.ofSeconds(5), null)));
	}

	@Test
	void defaultsBindEveryOption() {
		this.runner.withPropertyValues(ALL_DEFAULTS)
			.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefaultOptions())
				.isEqualTo(new ZmqSocketOptions(50, 60, Duration.ofMillis(250), Duration.ofMillis(200),
						Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofSeconds(10),
						Duration.ofMillis(750), 1024L * 1024L, true, Duration.ofSeconds(4), null)));
	}

	@Test
	void maxMessageSizeBindsAsDataSize() {
		this.runner.withPropertyValues("zmq.defaults.max-message-size=64KB")
			.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefaultOptions().maxMessageSize())
				.isEqualTo(64L * 1024L));
	}

	@Test
	void socketTakesEveryDefaultItDoesNotSet() {
		this.runner.withPropertyValues(ALL_DEFAULTS)
			.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>tcp://127.0.0.1:5555")
			.run((context) -> {
				ZmqSocketRegistry registry = context.getBean(ZmqSocketRegistry.class);
				assertThat(registry.getDefinition("out").options()).isEqualTo(registry.getDefaultOptions());
			});
	}

	@Test
	void namedSocketBindsTypeEndpointsAndTopics() {
		this.runner
			.withPropertyValues("zmq.sockets.prices.type=SUB",
					"zmq.sockets.prices.endpoints=>tcp://127.0.0.1:5556,@tcp://127.0.0.1:5557,tcp://127.0.0.1:5558",
					"zmq.sockets.prices.topics=eur,usd")
			.run((context) -> {
				ZmqSocketDefinition definition = context.getBean(ZmqSocketRegistry.class).getDefinition("prices");
				assertThat(definition.name()).isEqualTo("prices");
				assertThat(definition.type()).isEqualTo(ZmqSocketType.SUB);
				assertThat(definition.endpoints()).containsExactly(new ZmqEndpoint("tcp://127.0.0.1:5556", false),
						new ZmqEndpoint("tcp://127.0.0.1:5557", true), new ZmqEndpoint("tcp://127.0.0.1:5558", false));
				assertThat(definition.topics()).containsExactly("eur", "usd");
			});
	}

	@Test
	void unprefixedEndpointTakesTheTypesUsualSide() {
		this.runner
			.withPropertyValues("zmq.sockets.sink.type=PULL", "zmq.sockets.sink.endpoints=tcp://127.0.0.1:5559",
					"zmq.sockets.source.type=PUSH", "zmq.sockets.source.endpoints=tcp://127.0.0.1:5559")
			.run((context) -> {
				ZmqSocketRegistry registry = context.getBean(ZmqSocketRegistry.class);
				assertThat(registry.getDefinition("sink").endpoints())
					.containsExactly(new ZmqEndpoint("tcp://127.0.0.1:5559", true));
				assertThat(registry.getDefinition("source").endpoints())
					.containsExactly(new ZmqEndpoint("tcp://127.0.0.1:5559", false));
			});
	}

	@Test
	void bindFlagOverridesTheTypesUsualSide() {
		this.runner
			.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.bind=true",
					"zmq.sockets.out.endpoints=tcp://127.0.0.1:5560,>tcp://127.0.0.1:5561")
			.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefinition("out").endpoints())
				.containsExactly(new ZmqEndpoint("tcp://127.0.0.1:5560", true),
						new ZmqEndpoint("tcp://127.0.0.1:5561", false)));
	}

	@Test
	void socketsKeepTheirConfigurationOrder() {
		this.runner
			.withPropertyValues("zmq.sockets.b.type=PULL", "zmq.sockets.b.endpoints=inproc://b",
					"zmq.sockets.a.type=PULL", "zmq.sockets.a.endpoints=inproc://a")
			.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefinitions().keySet())
				.containsExactly("b", "a"));
	}

	@Test
	void socketOptionsOverrideDefaults() {
		this.runner.withPropertyValues(ALL_DEFAULTS)
			.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>tcp://127.0.0.1:5555",
					"zmq.sockets.out.send-hwm=10", "zmq.sockets.out.linger=0", "zmq.sockets.out.heartbeat-interval=0",
					"zmq.sockets.out.max-message-size=2KB", "zmq.sockets.out.immediate=false",
					"zmq.sockets.out.routing-id=worker-1")
			.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getDefinition("out").options())
				.isEqualTo(new ZmqSocketOptions(10, 60, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(3),
						Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(10), Duration.ofMillis(750), 2048L,
						false, Duration.ofSeconds(4), "worker-1")));
	}

	@Test
	void socketOverrideLeavesOtherSocketsOnTheDefaults() {
		this.runner
			.withPropertyValues("zmq.defaults.send-hwm=50", "zmq.sockets.a.type=PUSH",
					"zmq.sockets.a.endpoints=>tcp://127.0.0.1:5555", "zmq.sockets.a.send-hwm=10",
					"zmq.sockets.b.type=PUSH", "zmq.sockets.b.endpoints=>tcp://127.0.0.1:5555")
			.run((context) -> {
				ZmqSocketRegistry registry = context.getBean(ZmqSocketRegistry.class);
				assertThat(registry.getDefinition("a").options().sendHwm()).isEqualTo(10);
				assertThat(registry.getDefinition("b").options().sendHwm()).isEqualTo(50);
			});
	}

	@Test
	void configuredOptionsReachTheJeromqSocket() {
		this.runner.withPropertyValues(ALL_DEFAULTS)
			.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=>" + FreePorts.tcp(),
					"zmq.sockets.in.receive-hwm=70", "zmq.sockets.in.routing-id=in-1")
			.run((context) -> withOpenSocket(context.getBean(ZmqSocketFactory.class), "in", (socket) -> {
				assertThat(socket.getSndHWM()).isEqualTo(50);
				assertThat(socket.getRcvHWM()).isEqualTo(70);
				assertThat(socket.getLinger()).isEqualTo(250);
				assertThat(socket.getReconnectIVL()).isEqualTo(200);
				assertThat(socket.getReconnectIVLMax()).isEqualTo(3000);
				assertThat(socket.getMaxMsgSize()).isEqualTo(1024L * 1024L);
				assertThat(socket.getHandshakeIvl()).isEqualTo(4000);
				// JeroMQ's flag is the inverse of libzmq's ZMQ_IMMEDIATE, which the property follows
				assertThat(socket.getImmediate()).isFalse();
				assertThat(socket.getIdentity()).isEqualTo("in-1".getBytes(StandardCharsets.UTF_8));
			}));
	}

	@Test
	void heartbeatOptionsReachTheJeromqSocket() {
		this.runner
			.withPropertyValues("zmq.defaults.heartbeat-interval=2s", "zmq.defaults.heartbeat-timeout=1500ms",
					"zmq.defaults.heartbeat-ttl=10s", "zmq.sockets.in.type=PULL",
					"zmq.sockets.in.endpoints=>" + FreePorts.tcp())
			.run((context) -> withOpenSocket(context.getBean(ZmqSocketFactory.class), "in", (socket) -> {
				assertThat(socket.getHeartbeatIvl()).isEqualTo(2000);
				assertThat(socket.getHeartbeatTimeout()).isEqualTo(1500);
				assertThat(socket.getHeartbeatTtl()).isEqualTo(10000);
			}));
	}

	@Test
	void socketCustomizerRunsAfterConfiguredOptions() {
		this.runner.withPropertyValues("zmq.defaults.send-hwm=50", "zmq.sockets.in.type=PULL",
				"zmq.sockets.in.endpoints=>" + FreePorts.tcp())
			.withBean(ZmqSocketCustomizer.class, () -> (definition, socket) -> socket.setSndHWM(7))
			.run((context) -> withOpenSocket(context.getBean(ZmqSocketFactory.class), "in",
					(socket) -> assertThat(socket.getSndHWM()).isEqualTo(7)));
	}

	@Test
	void socketCustomizerSeesTheDefinition() {
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.runner.withPropertyValues("zmq.sockets.in.type=PULL", "zmq.sockets.in.endpoints=>" + FreePorts.tcp())
			.withBean(ZmqSocketCustomizer.class,
					() -> (definition, socket) -> seen.add(definition.name() + ":" + definition.type()))
			.run((context) -> withOpenSocket(context.getBean(ZmqSocketFactory.class), "in",
					(socket) -> assertThat(seen).containsExactly("in:PULL")));
	}

	@Test
	void wildcardBindIsReadBackWithItsPort() {
		this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=@tcp://127.0.0.1:*")
			.run((context) -> assertThat(context.getBean(ZmqSocketRegistry.class).getActualEndpoint("out"))
				.matches("tcp://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":*").doesNotEndWith(":0"));
	}

	private static void withOpenSocket(ZmqSocketFactory factory, String name, Consumer<ZMQ.Socket> assertions) {
		ZmqSocketDefinition definition = factory.getRegistry().getDefinition(name);
		ZMQ.Socket socket = factory.open(definition);
		try {
			assertions.accept(socket);
		}
		finally {
			factory.close(definition, socket);
		}
	}

}

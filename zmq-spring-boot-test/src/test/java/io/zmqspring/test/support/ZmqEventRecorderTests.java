package io.zmqspring.test.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.event.ZmqListenerContainerStartedEvent;
import io.zmqspring.event.ZmqSocketConnectedEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ZmqEventRecorderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void recordsTheListenerStartAndThePeerThatConnected() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withInitializer(new ZmqFreePortsInitializer())
			.withUserConfiguration(ZmqAwaitTests.Echo.class, ZmqEventRecorder.class)
			.run((context) -> {
				ZmqEventRecorder events = context.getBean(ZmqEventRecorder.class);
				assertThat(events.await(ZmqListenerContainerStartedEvent.class,
						(event) -> event.getListenerId().equals("echo"), TIMEOUT)
					.getSocketName()).isEqualTo("echo");
				try (ZmqTestPeer client = ZmqTestPeer.connect(SocketType.REQ,
						context.getEnvironment().getProperty("zmq-test.endpoint.echo"))) {
					ZmqSocketConnectedEvent connected = events.await(ZmqSocketConnectedEvent.class,
							(event) -> event.getSocketName().equals("echo"), TIMEOUT);
					assertThat(connected.getAddress()).startsWith("tcp://127.0.0.1:");
				}
				assertThat(events.events(ZmqSocketConnectedEvent.class)).isNotEmpty();
			});
	}

}

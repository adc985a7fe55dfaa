package io.zmqspring.ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send racing with shutdown either fails, or is delivered, or is counted: never accepted and
 * gone.
 */
class SendDuringShutdownTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void everySendAcceptedDuringShutdownIsDeliveredOrCounted() throws Exception {
		String endpoint = FreePorts.tcp();
		try (ZContext peer = new ZContext()) {
			ZMQ.Socket pull = peer.createSocket(SocketType.PULL);
			pull.setRcvHWM(0);
			pull.bind(endpoint);
			AtomicLong accepted = new AtomicLong();
			MeterRegistry[] meters = new MeterRegistry[1];
			this.runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					meters[0] = context.getBean(MeterRegistry.class);
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					// Connected first: a send that times out before the connection is up is not the point
					template.send("out", new byte[] { 0 });
					pull.setReceiveTimeOut(20_000);
					assertThat(pull.recv()).containsExactly(0);
					AtomicBoolean closing = new AtomicBoolean();
					List<Thread> senders = new ArrayList<>();
					for (int i = 0; i < 4; i++) {
						Thread sender = new Thread(() -> {
							while (true) {
								try {
									template.send("out", new byte[] { 1 });
									accepted.incrementAndGet();
								}
								catch (ZmqException ex) {
									// This send failed and the caller knows; once closing, stop
									if (closing.get()) {
										return;
									}
								}
							}
						});
						senders.add(sender);
						sender.start();
					}
					await().atMost(Duration.ofSeconds(20)).until(() -> accepted.get() > 20_000);
					closing.set(true);
					((ConfigurableApplicationContext) context.getSourceApplicationContext()).close();
					for (Thread sender : senders) {
						sender.join(20_000);
						assertThat(sender.isAlive()).isFalse();
					}
				});
			pull.setReceiveTimeOut(1000);
			long received = 0;
			while (pull.recv() != null) {
				received++;
			}
			double counted = meters[0].find("zmq.send.failures").counters().stream().mapToDouble(Counter::count).sum();
			assertThat(received + (long) counted).isGreaterThanOrEqualTo(accepted.get());
		}
	}

}

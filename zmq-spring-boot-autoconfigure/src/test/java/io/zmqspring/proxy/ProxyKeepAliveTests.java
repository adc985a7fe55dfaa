package io.zmqspring.proxy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqKeepAlive;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that is nothing but {@code zmq.proxies} stays up like a listener-only service: while
 * a proxy runs, the non-daemon {@code zmq-keep-alive} thread holds the JVM, and it ends with the
 * proxy.
 */
class ProxyKeepAliveTests {

	@Test
	void runningProxyKeepsTheJvmAliveUntilItStops() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.proxies.relay.frontend.type=XSUB",
					"zmq.proxies.relay.frontend.endpoints=@" + FreePorts.tcp(), "zmq.proxies.relay.backend.type=XPUB",
					"zmq.proxies.relay.backend.endpoints=@" + FreePorts.tcp())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(Duration.ofSeconds(30)).until(ProxyKeepAliveTests::keepAliveRuns);
				// other tests of this JVM may hold it too: the proxy's own hold is what ends
				int holders = ZmqKeepAlive.holders();
				context.getBean(ZmqProxyRegistry.class).stop("relay");
				assertThat(ZmqKeepAlive.holders()).isEqualTo(holders - 1);
			});
	}

	private static boolean keepAliveRuns() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().equals("zmq-keep-alive") && !thread.isDaemon() && thread.isAlive());
	}

}

package io.zmqspring.reliability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.DisconnectRecorder;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.SilentZmtpPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A peer that goes silent without closing its TCP connection (a raw socket that completed the
 * ZMTP handshake and then answers nothing) is found by ZMTP heartbeats within the heartbeat
 * timeout: a disconnect event and metric, and requests that fail fast instead of waiting for
 * their whole timeout.
 */
class DeadPeerTests {

	private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);

	private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(400);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(RequestReplyFailureTests.Metrics.class, DisconnectRecorder.class)
		.withPropertyValues("zmq.defaults.linger=0", "zmq.sockets.client.type=REQ");

	private ApplicationContextRunner heartbeats(SilentZmtpPeer peer) {
		return this.runner.withPropertyValues("zmq.sockets.client.endpoints=>" + peer.endpoint(),
				"zmq.sockets.client.heartbeat-interval=" + HEARTBEAT_INTERVAL.toMillis() + "ms",
				"zmq.sockets.client.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toMillis() + "ms");
	}

	@Test
	void silentPeerShowsAsADisconnectEventAndMetricWithinTheHeartbeatTimeout() throws Exception {
		try (SilentZmtpPeer peer = new SilentZmtpPeer(true)) {
			heartbeats(peer).run((context) -> {
				assertThat(context).hasNotFailed();
				long silentSince = peer.awaitSilent();
				DisconnectRecorder disconnects = context.getBean(DisconnectRecorder.class);
				// A connection JeroMQ stalled before its handshake may have been dropped before
				await().atMost(Duration.ofSeconds(15)).until(() -> disconnects.firstAfter(silentSince) != null);
				Duration detectedAfter = disconnects.firstAfter(silentSince);
				// The timeout runs from the first heartbeat, sent one interval after the handshake; the upper
				// bound leaves room for a machine under load
				assertThat(detectedAfter).isGreaterThanOrEqualTo(HEARTBEAT_INTERVAL.plus(HEARTBEAT_TIMEOUT))
					.isLessThan(HEARTBEAT_INTERVAL.plus(HEARTBEAT_TIMEOUT).plusSeconds(3));
				assertThat(disconnects.events()).allSatisfy((event) -> assertThat(event.getAddress()).isEqualTo(peer.endpoint()));
				assertThat(disconnectCount(context.getBean(MeterRegistry.class))).isEqualTo(disconnects.events().size());
			});
		}
	}

	@Test
	void withoutHeartbeatsTheSilentPeerStaysConnected() throws Exception {
		try (SilentZmtpPeer peer = new SilentZmtpPeer(true)) {
			this.runner.withPropertyValues("zmq.sockets.client.endpoints=>" + peer.endpoint()).run((context) -> {
				assertThat(context).hasNotFailed();
				peer.awaitSilent();
				ZmqSocketStats stats = context.getBean(ZmqSocketFactory.class).getOwners().getStats().get("client");
				await().atMost(Duration.ofSeconds(10)).until(() -> stats.getConnections() == 1);
				// Three times as long as heartbeats would take to drop it
				Duration heartbeatsWouldDrop = HEARTBEAT_INTERVAL.plus(HEARTBEAT_TIMEOUT);
				await().during(heartbeatsWouldDrop.multipliedBy(3))
					.atMost(heartbeatsWouldDrop.multipliedBy(4))
					.until(() -> stats.getConnections() == 1 && stats.getGreetedConnections() == 1);
			});
		}
	}

	@Test
	void requestInFlightFailsFastOnceTheLastConnectionIsDropped() throws Exception {
		try (SilentZmtpPeer peer = new SilentZmtpPeer(true)) {
			heartbeats(peer)
				.withPropertyValues("zmq.sockets.client.request.fail-fast-when-disconnected=true",
						"zmq.template.reply-timeout=60s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					peer.awaitSilent();
					ZmqSocketStats stats = context.getBean(ZmqSocketFactory.class)
						.getOwners()
						.getStats()
						.get("client");
					await().atMost(Duration.ofSeconds(10)).until(() -> stats.getConnections() == 1);
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					long sent = System.nanoTime();
					CompletableFuture<byte[]> reply = template.sendAndReceiveAsync("client", "order".getBytes());
					assertThatExceptionOfType(ExecutionException.class)
						.isThrownBy(() -> reply.get(30, TimeUnit.SECONDS))
						.withCauseInstanceOf(ZmqSendException.class)
						.withMessageContaining("the last peer disconnected");
					assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(20));
					// Reconnecting is refused: the next request fails at once
					assertThatExceptionOfType(ZmqSendException.class)
						.isThrownBy(() -> template.sendAndReceive("client", "next".getBytes()))
						.withMessageContaining("no peer is connected");
					assertThat(context.getBean(MeterRegistry.class)
						.get("zmq.send.failures")
						.tag("socket", "client")
						.tag("reason", "no-peer")
						.counter()
						.count()).isEqualTo(1);
				});
		}
	}

	@Test
	void requestFailsFastWhileTheServersHostAcceptsConnectionsNobodyServes() throws Exception {
		// A stopped process: its port still accepts TCP connections, but nobody greets on them
		try (SilentZmtpPeer peer = new SilentZmtpPeer(false)) {
			heartbeats(peer).withPropertyValues("zmq.sockets.client.request.fail-fast-when-disconnected=true")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					long silentSince = peer.awaitSilent();
					ZmqSocketStats stats = context.getBean(ZmqSocketFactory.class)
						.getOwners()
						.getStats()
						.get("client");
					DisconnectRecorder disconnects = context.getBean(DisconnectRecorder.class);
					await().atMost(Duration.ofSeconds(15))
						.until(() -> disconnects.firstAfter(silentSince) != null);
					await().atMost(Duration.ofSeconds(15)).until(() -> stats.getConnections() == 1);
					assertThat(stats.getGreetedConnections()).isZero();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThatExceptionOfType(ZmqSendException.class)
						.isThrownBy(() -> template.sendAndReceive("client", "order".getBytes()))
						.withMessageContaining("no peer is connected");
				});
		}
	}

	@Test
	void requestMadeBeforeAnyPeerAnsweredWaitsForTheFirstOne() {
		String endpoint = FreePorts.tcp();
		this.runner
			.withPropertyValues("zmq.sockets.client.endpoints=>" + endpoint,
					"zmq.sockets.client.request.fail-fast-when-disconnected=true", "zmq.template.reply-timeout=20s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				CompletableFuture<byte[]> reply = template.sendAndReceiveAsync("client", "early".getBytes());
				try (ZContext server = new ZContext()) {
					ZMQ.Socket router = server.createSocket(SocketType.ROUTER);
					router.bind(endpoint);
					ZMsg request = ZMsg.recvMsg(router);
					request.send(router);
					assertThat(new String(reply.get(20, TimeUnit.SECONDS))).isEqualTo("early");
				}
			});
	}

	private static double disconnectCount(MeterRegistry meters) {
		Counter counter = meters.find("zmq.socket.disconnects").tag("socket", "client").counter();
		return (counter != null) ? counter.count() : 0;
	}

}

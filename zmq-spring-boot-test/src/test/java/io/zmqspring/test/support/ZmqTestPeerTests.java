package io.zmqspring.test.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ZmqTestPeerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void pushPeerReachesAPullPeerBoundOnAWildcardPort() {
		try (ZmqTestPeer pull = ZmqTestPeer.bind(SocketType.PULL, "tcp://127.0.0.1:*");
				ZmqTestPeer push = ZmqTestPeer.connect(SocketType.PUSH, pull.endpoint())) {
			push.sendFrames("a", "b");
			assertThat(pull.awaitMessage(TIMEOUT).texts()).containsExactly("a", "b");
		}
	}

	@Test
	void reqPeerGetsTheReplyOfARepPeer() {
		try (ZmqTestPeer rep = ZmqTestPeer.bind(SocketType.REP, ZmqFreePorts.tcp());
				ZmqTestPeer req = ZmqTestPeer.connect(SocketType.REQ, rep.endpoint())) {
			CompletableFuture<ZmqTestMessage> reply = CompletableFuture.supplyAsync(() -> req.request("ping", TIMEOUT));
			assertThat(rep.awaitMessage(TIMEOUT).text()).isEqualTo("ping");
			rep.send("pong");
			assertThat(reply.join().text()).isEqualTo("pong");
		}
	}

	@Test
	void dealerPeerRequestCarriesTheEmptyDelimiter() {
		try (ZmqTestPeer router = ZmqTestPeer.bind(SocketType.ROUTER, ZmqFreePorts.tcp());
				ZmqTestPeer dealer = ZmqTestPeer.of(SocketType.DEALER).routingId("d1").connect(router.endpoint())) {
			CompletableFuture<ZmqTestMessage> reply = CompletableFuture
				.supplyAsync(() -> dealer.request("ping", TIMEOUT));
			assertThat(router.awaitMessage(TIMEOUT).texts()).containsExactly("d1", "", "ping");
			router.sendFrames("d1", "", "pong");
			assertThat(reply.join().texts()).containsExactly("", "pong");
		}
	}

	@Test
	void subPeerSubscribedBeforeConnectingReceivesOnlyItsTopic() {
		try (ZmqTestPeer xpub = ZmqTestPeer.bind(SocketType.XPUB, ZmqFreePorts.tcp());
				ZmqTestPeer sub = ZmqTestPeer.of(SocketType.SUB).subscribe("weather").connect(xpub.endpoint())) {
			// an XPUB receives the subscription: from then on the SUB gets what is published
			assertThat(xpub.awaitMessage(TIMEOUT).payload()).startsWith((byte) 1, (byte) 'w');
			xpub.sendFrames("sports", "goal");
			xpub.sendFrames("weather", "sunny");
			assertThat(sub.awaitMessage(TIMEOUT).texts()).containsExactly("weather", "sunny");
		}
	}

	@Test
	void callersOnManyThreadsShareThePeerThroughItsOwnerThread() {
		try (ZmqTestPeer pull = ZmqTestPeer.bind(SocketType.PULL, ZmqFreePorts.tcp());
				ZmqTestPeer push = ZmqTestPeer.connect(SocketType.PUSH, pull.endpoint())) {
			IntStream.range(0, 200).parallel().forEach((i) -> push.send("m" + i));
			List<String> texts = pull.awaitMessages(200, TIMEOUT).stream().map(ZmqTestMessage::text).toList();
			assertThat(texts).hasSize(200).doesNotHaveDuplicates();
		}
	}

	@Test
	void awaitingAMessageThatNeverComesFailsNamingThePeer() {
		try (ZmqTestPeer pull = ZmqTestPeer.bind(SocketType.PULL, ZmqFreePorts.tcp())) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> pull.awaitMessage(Duration.ofMillis(50)))
				.withMessageContaining("PULL peer on " + pull.endpoint());
		}
	}

	@Test
	void sendThatNoPeerTakesFailsInsteadOfHanging() {
		// a bound PUSH has no pipe to queue into until a peer connects
		try (ZmqTestPeer push = ZmqTestPeer.of(SocketType.PUSH)
			.option((socket) -> socket.setSendTimeOut(100))
			.bind(ZmqFreePorts.tcp())) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> push.send("lost"))
				.withMessageContaining("could not send");
		}
	}

	@Test
	void optionsAreAppliedBeforeConnecting() {
		try (ZmqTestPeer router = ZmqTestPeer.bind(SocketType.ROUTER, ZmqFreePorts.tcp());
				ZmqTestPeer dealer = ZmqTestPeer.of(SocketType.DEALER)
					.option((socket) -> socket.setIdentity("by-option".getBytes(ZMQ.CHARSET)))
					.connect(router.endpoint())) {
			dealer.send("hi");
			assertThat(router.awaitMessage(TIMEOUT).texts()).containsExactly("by-option", "hi");
		}
	}

}

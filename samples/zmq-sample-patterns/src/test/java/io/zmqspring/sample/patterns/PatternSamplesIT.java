package io.zmqspring.sample.patterns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import io.zmqspring.test.support.ZmqFreePorts;
import io.zmqspring.test.support.ZmqTestPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every sample the way the README says, each part a {@code java -jar} process of its own,
 * on free ports: each does what it shows, and the parts that serve stay up until SIGTERM and then
 * end cleanly.
 */
class PatternSamplesIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * For clients that ask at once: longer than the handshake interval (5 s) a connect JeroMQ
	 * stalls before its handshake waits out.
	 */
	private static final String LONG_REPLY_TIMEOUT = "--zmq.template.reply-timeout=20s";

	private final List<SampleProcess> processes = new ArrayList<>();

	@AfterEach
	void killAll() {
		this.processes.forEach(SampleProcess::close);
	}

	@Test
	void requestReplyClientGetsItsQuotesAndAnErrorReplyForAnUnknownSymbol() {
		String port = "--reqrep.port=" + ZmqFreePorts.port();
		SampleProcess server = start("reqrep server", "--sample=reqrep", "--spring.profiles.active=server", port)
			.awaitStarted();
		// the client asks as soon as it started, and JeroMQ now and then stalls a fresh connect for
		// the handshake interval (5 s, the sample's reply timeout): give the replies longer
		SampleProcess client = start("reqrep client", "--sample=reqrep", "--spring.profiles.active=client", port,
				LONG_REPLY_TIMEOUT);
		assertThat(client.awaitExit(SampleProcess.STARTUP)).isZero();
		assertThat(client.lines()).anyMatch((line) -> line.endsWith("ZMQ costs 42.0"))
			.anyMatch((line) -> line.endsWith("NOPE: the server answered with an error "
					+ "(handler: IllegalArgumentException)"))
			.anyMatch((line) -> line.endsWith("Asked for 4 quotes, got 3"));
		server.awaitLine("Priced SPRING at 99.9", TIMEOUT);
		server.terminate();
	}

	@Test
	void subscriberThatConnectsAfterThePublisherStartedMissesNoUpdateOfItsTopic() {
		String port = "--pubsub.port=" + ZmqFreePorts.port();
		SampleProcess publisher = start("publisher", "--sample=pubsub", "--spring.profiles.active=publisher", port,
				"--pubsub.interval=100ms");
		publisher.awaitLine("Waiting for the subscribers", SampleProcess.STARTUP);
		SampleProcess subscriber = start("subscriber", "--sample=pubsub", "--spring.profiles.active=subscriber", port,
				"--pubsub.topics=weather");
		subscriber.awaitLine("[weather] weather update #1", SampleProcess.STARTUP);
		subscriber.awaitLine("[weather] weather update #5", TIMEOUT);
		publisher.awaitLine("The subscribers are there: publishing [weather, sports]", TIMEOUT);
		assertThat(subscriber.lines()).noneMatch((line) -> line.contains("sports") || line.contains("missed"));
		subscriber.terminate();
		publisher.terminate();
	}

	@Test
	void asynchronousServerAnswersManyClientsWithManyRequestsInFlightEach() {
		String port = "--asyncsrv.port=" + ZmqFreePorts.port();
		SampleProcess server = start("asyncsrv server", "--sample=asyncsrv", "--spring.profiles.active=server", port)
			.awaitStarted();
		List<SampleProcess> clients = new ArrayList<>();
		for (String name : List.of("alice", "bob", "carol")) {
			clients.add(start(name, "--sample=asyncsrv", "--spring.profiles.active=client", port,
					"--asyncsrv.client-name=" + name, "--asyncsrv.requests=40", LONG_REPLY_TIMEOUT));
		}
		for (SampleProcess client : clients) {
			assertThat(client.awaitExit(SampleProcess.STARTUP)).isZero();
		}
		for (int i = 0; i < clients.size(); i++) {
			String name = List.of("alice", "bob", "carol").get(i);
			assertThat(clients.get(i).lines()).anyMatch((line) -> line.contains(name + ": 40 requests in flight at "
					+ "once, 40 replies"));
		}
		server.awaitLine("Served 120 requests from 3 clients {alice=40, bob=40, carol=40}", TIMEOUT);
		server.terminate();
	}

	@Test
	void brokerForwardsTicksFromAPublisherToEachSubscriberForItsSymbols() {
		int frontend = ZmqFreePorts.port();
		int backend = ZmqFreePorts.port();
		String[] ports = { "--broker.frontend-port=" + frontend, "--broker.backend-port=" + backend };
		// publisher and subscriber connect while the broker starts
		SampleProcess broker = start("broker", with(ports, "--sample=broker", "--spring.profiles.active=proxy"));
		SampleProcess subscriber = start("subscriber",
				with(ports, "--sample=broker", "--spring.profiles.active=subscriber", "--broker.watch=ZMQ"));
		SampleProcess publisher = start("publisher",
				with(ports, "--sample=broker", "--spring.profiles.active=publisher", "--broker.interval=100ms"));
		broker.awaitLine("Started ZeroMQ forwarder proxy ticks", SampleProcess.STARTUP);
		try (ZmqTestPeer java = ZmqTestPeer.of(SocketType.SUB).subscribe("JAVA").connect("tcp://127.0.0.1:" + backend)) {
			subscriber.awaitLine("[ZMQ] ZMQ ", SampleProcess.STARTUP);
			assertThat(java.awaitMessage(SampleProcess.STARTUP).texts()).first().isEqualTo("JAVA");
		}
		publisher.awaitLine("A subscription came through the broker", TIMEOUT);
		broker.awaitLine("forwarded", TIMEOUT);
		assertThat(subscriber.lines()).noneMatch((line) -> line.contains("[JAVA]") || line.contains("[SPRING]"));
		publisher.terminate();
		subscriber.terminate();
		// a broker of nothing but zmq.proxies stays up by itself until SIGTERM
		broker.terminate();
	}

	@Test
	void curveServerServesItsClientAndRefusesAStrangerNamingItsKey() {
		String port = ZmqFreePorts.port() + "";
		SampleProcess server = start("curve server", "--sample=curve", "--spring.profiles.active=server",
				"--curve.port=" + port)
			.awaitStarted();
		SampleProcess client = start("curve client", "--sample=curve", "--spring.profiles.active=client",
				"--curve.port=" + port, LONG_REPLY_TIMEOUT);
		assertThat(client.awaitExit(SampleProcess.STARTUP)).isZero();
		assertThat(client.lines()).anyMatch((line) -> line.endsWith("Balance alice: 1,024.00 EUR"))
			.anyMatch((line) -> line.endsWith("Balance bob: 17.50 EUR"));
		ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
		try (ZmqTestPeer peer = ZmqTestPeer.of(SocketType.REQ)
			.curveClient(stranger.publicKey, stranger.secretKey, "P<o1KZB%:Qf.b^eau2N3OoMQ!0SWY?k*vy-1kOl2")
			.connect("tcp://127.0.0.1:" + port)) {
			peer.send("alice");
			server.awaitLine(stranger.publicKey, TIMEOUT);
			assertThat(peer.pending()).as("nothing reaches a refused client").isEmpty();
		}
		assertThat(server.lines()).noneMatch((line) -> line.contains(stranger.secretKey));
		server.terminate();
	}

	@Test
	void chatMembersSeeEachOthersPostsAndAMemberKilledIsNoticedAsGone() {
		String[] ports = { "--chat.posts-port=" + ZmqFreePorts.port(), "--chat.heartbeats-port=" + ZmqFreePorts.port(),
				"--chat.room-port=" + ZmqFreePorts.port(), "--chat.heartbeat-interval=500ms" };
		// the members connect (and heartbeat) while the hub starts
		SampleProcess hub = start("hub",
				with(ports, "--sample=chat", "--spring.profiles.active=hub", "--chat.presence-timeout=2s"));
		List<SampleProcess> members = new ArrayList<>();
		for (String name : List.of("alice", "bob", "carol")) {
			members.add(start(name, with(ports, "--sample=chat", "--spring.profiles.active=client", "--chat.name=" + name)));
		}
		for (SampleProcess member : members) {
			member.awaitLine("present: alice, bob, carol", SampleProcess.STARTUP);
		}
		SampleProcess alice = members.get(0);
		SampleProcess bob = members.get(1);
		SampleProcess carol = members.get(2);
		alice.type("hello from alice");
		bob.awaitLine("alice: hello from alice", TIMEOUT);
		carol.awaitLine("alice: hello from alice", TIMEOUT);

		carol.kill();
		for (SampleProcess member : List.of(alice, bob)) {
			member.awaitLine("* carol left (no heartbeat for 2000 ms)", TIMEOUT);
			member.awaitLine("present: alice, bob", TIMEOUT);
		}
		hub.awaitLine("carol left", TIMEOUT);
		alice.terminate();
		bob.terminate();
		hub.terminate();
	}

	@Test
	void taskQueueCompletesEveryTaskWhenAWorkerIsKilledInTheMiddleOfOne() {
		String[] ports = { "--taskqueue.clients-port=" + ZmqFreePorts.port(),
				"--taskqueue.workers-port=" + ZmqFreePorts.port() };
		// the workers connect (and heartbeat) while the queue starts
		SampleProcess queue = start("queue", with(ports, "--sample=taskqueue", "--spring.profiles.active=queue"));
		SampleProcess first = start("w1", with(ports, "--sample=taskqueue", "--spring.profiles.active=worker",
				"--taskqueue.worker-name=w1"));
		SampleProcess second = start("w2", with(ports, "--sample=taskqueue", "--spring.profiles.active=worker",
				"--taskqueue.worker-name=w2"));
		queue.awaitLine("Worker w1 is ready", SampleProcess.STARTUP);
		queue.awaitLine("Worker w2 is ready", SampleProcess.STARTUP);
		// both idle: the client's first two tasks go one to each
		SampleProcess client = start("client", with(ports, "--sample=taskqueue", "--spring.profiles.active=client",
				"--taskqueue.tasks=4", "--taskqueue.task-millis=1000", "--zmq.sockets.queue.request.try-timeout=2500ms",
				// a connect JeroMQ stalls is retried well within a try, so no task is sent twice
				"--zmq.sockets.queue.handshake-interval=1s"));

		String lost = first.awaitLine("w1 is working on task", SampleProcess.STARTUP);
		first.kill();
		String task = lost.substring(lost.lastIndexOf(' ') + 1);
		assertThat(client.awaitExit(SampleProcess.STARTUP)).isZero();
		assertThat(client.lines()).anyMatch((line) -> line.contains("Task " + task + " done by w2"))
			.anyMatch((line) -> line.endsWith("All 4 tasks done: {w2=4}"));
		queue.awaitLine("Worker w1 expired", TIMEOUT);
		second.terminate();
		queue.terminate();
	}

	private SampleProcess start(String name, String... arguments) {
		SampleProcess process = SampleProcess.start(name, arguments);
		this.processes.add(process);
		return process;
	}

	private static String[] with(String[] ports, String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(List.of(ports));
		return all.toArray(String[]::new);
	}

}

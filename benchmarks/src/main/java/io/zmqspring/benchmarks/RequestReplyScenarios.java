package io.zmqspring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.template.ZmqTemplate;

/**
 * Request-reply scenarios: round-trip latency, and throughput with many requests in flight.
 */
final class RequestReplyScenarios {

	private static final int IN_FLIGHT = 64;

	private final Harness harness;

	RequestReplyScenarios(Harness harness) {
		this.harness = harness;
	}

	/** 6: p50/p99 of raw REQ/REP against sendAndReceive to a REP listener. */
	List<Row> latency(String scenario) throws Exception {
		int requests = (int) this.harness.messages(20_000);
		List<Row> rows = new ArrayList<>();
		try (ZContext context = new ZContext(1)) {
			String endpoint = Endpoints.tcp();
			try (Raw.Echo echo = new Raw.Echo(context, SocketType.REP, endpoint, "raw-echo")) {
				ZMQ.Socket req = context.getContext().socket(SocketType.REQ);
				req.connect(endpoint);
				rows.addAll(latencyRows(scenario, "raw", requests, () -> {
					req.send(Bench.PAYLOAD, 0);
					req.recv(0);
				}));
				req.close();
			}
		}
		String endpoint = Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(Listeners.EchoListener.class,
				"zmq.sockets.rx.type=REP", "zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.rr.type=REQ",
				"zmq.sockets.rr.endpoints=>" + endpoint)) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			rows.addAll(latencyRows(scenario, "starter", requests, () -> template.sendAndReceive("rr", Bench.PAYLOAD)));
		}
		Row rawP50 = rows.get(0);
		Row rawP99 = rows.get(1);
		return List.of(rawP50, rawP99,
				rows.get(2).withRatio(rawP50.median(),
						String.format("p50 +%.1f us vs raw", rows.get(2).median() - rawP50.median())),
				rows.get(3).withRatio(rawP99.median(),
						String.format("p99 +%.1f us vs raw", rows.get(3).median() - rawP99.median())));
	}

	private List<Row> latencyRows(String scenario, String variant, int requests, Runnable roundTrip) {
		for (int i = 0; i < this.harness.warmupRounds * requests; i++) {
			roundTrip.run();
		}
		List<Double> p50 = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		long[] nanos = new long[requests];
		for (int round = 0; round < this.harness.rounds; round++) {
			for (int i = 0; i < requests; i++) {
				long start = System.nanoTime();
				roundTrip.run();
				nanos[i] = System.nanoTime() - start;
			}
			Arrays.sort(nanos);
			p50.add(Harness.percentile(nanos, 50));
			p99.add(Harness.percentile(nanos, 99));
		}
		return List.of(new Row(scenario, variant, "p50 us", Harness.median(p50), p50, null, null, ""),
				new Row(scenario, variant, "p99 us", Harness.median(p99), p99, null, null, ""));
	}

	/** 7: 64 requests in flight, raw DEALER/ROUTER against the async template and a ROUTER listener. */
	List<Row> inFlight(String scenario) throws Exception {
		long messages = this.harness.messages(300_000);
		List<Row> rows = new ArrayList<>();
		try (ZContext context = new ZContext(1)) {
			String endpoint = Endpoints.tcp();
			try (Raw.Echo echo = new Raw.Echo(context, SocketType.ROUTER, endpoint, "raw-echo")) {
				ZMQ.Socket dealer = context.getContext().socket(SocketType.DEALER);
				dealer.connect(endpoint);
				byte[] correlation = new byte[8];
				rows.add(this.harness.throughput(scenario, "raw", messages, (count) -> {
					long sent = 0;
					long received = 0;
					for (; sent < Math.min(IN_FLIGHT, count); sent++) {
						sendRequest(dealer, correlation);
					}
					while (received < count) {
						dealer.recv(0);
						while (dealer.hasReceiveMore()) {
							dealer.recv(0);
						}
						received++;
						if (sent < count) {
							sendRequest(dealer, correlation);
							sent++;
						}
					}
				}, ThreadSet.none()));
				dealer.close();
			}
		}
		String endpoint = Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(Listeners.EchoListener.class,
				"zmq.sockets.rx.type=ROUTER", "zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.rr.type=DEALER",
				"zmq.sockets.rr.endpoints=>" + endpoint)) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			List<byte[]> request = List.of(Bench.PAYLOAD);
			Duration timeout = Duration.ofSeconds(30);
			rows.add(this.harness.throughput(scenario, "starter", messages, (count) -> {
				Semaphore permits = new Semaphore(IN_FLIGHT);
				AtomicLong completed = new AtomicLong();
				AtomicReference<Throwable> failure = new AtomicReference<>();
				for (long i = 0; i < count; i++) {
					permits.acquire();
					template.sendAndReceiveAsync("rr", request, timeout).whenComplete((reply, ex) -> {
						if (ex != null) {
							failure.compareAndSet(null, ex);
						}
						completed.incrementAndGet();
						permits.release();
					});
				}
				Harness.awaitCount(completed, count);
				if (failure.get() != null) {
					throw new IllegalStateException("A request failed", failure.get());
				}
			}, ThreadSet.none()));
		}
		return ThroughputScenarios.ratios(rows);
	}

	private static void sendRequest(ZMQ.Socket dealer, byte[] correlation) {
		dealer.send(correlation, ZMQ.SNDMORE);
		dealer.send(new byte[0], ZMQ.SNDMORE);
		dealer.send(Bench.PAYLOAD, 0);
	}

}

package io.zmqspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.template.ZmqTemplate;

/**
 * One-way throughput scenarios: raw JeroMQ against the starter, in the same run.
 */
final class ThroughputScenarios {

	private static final String TEMPLATE_THREAD = "zmq-socket-tx";

	private static final String LISTENER_THREAD = "zmq-socket-rx";

	private final Harness harness;

	ThroughputScenarios(Harness harness) {
		this.harness = harness;
	}

	/** 1 (and 5 for inproc): raw PUSH loop against ZmqTemplate.send into a raw PULL counter. */
	List<Row> send(String scenario, boolean inproc) throws Exception {
		long messages = this.harness.messages(inproc ? 2_000_000 : 1_000_000);
		List<Row> rows = new ArrayList<>();
		try (ZContext senderContext = new ZContext(1); ZContext receiverContext = new ZContext(1)) {
			String endpoint = inproc ? "inproc://raw-send" : Endpoints.tcp();
			ZContext receiving = inproc ? senderContext : receiverContext;
			try (Raw.Receiver receiver = new Raw.Receiver(receiving, SocketType.PULL, endpoint, true, "raw-rx",
					Raw.DISCARD)) {
				ZMQ.Socket push = Raw.push(senderContext, endpoint);
				rows.add(this.harness.throughput(scenario, "raw", messages, (count) -> {
					long target = receiver.count.get() + count;
					for (long i = 0; i < count; i++) {
						push.send(Bench.PAYLOAD, 0);
					}
					Harness.awaitCount(receiver.count, target);
				}, ThreadSet.current()));
				push.close();
			}
		}
		String endpoint = inproc ? "inproc://starter-send" : Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(Listeners.TemplateOnly.class,
				"zmq.sockets.tx.type=PUSH", "zmq.sockets.tx.endpoints=>" + endpoint);
				ZContext receiverContext = new ZContext(1)) {
			ZContext receiving = inproc ? app.getBean(ZContext.class) : receiverContext;
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			try (Raw.Receiver receiver = new Raw.Receiver(receiving, SocketType.PULL, endpoint, true, "raw-rx",
					Raw.DISCARD)) {
				rows.add(this.harness.throughput(scenario, "starter", messages, (count) -> {
					long target = receiver.count.get() + count;
					for (long i = 0; i < count; i++) {
						template.send("tx", Bench.PAYLOAD);
					}
					Harness.awaitCount(receiver.count, target);
				}, ThreadSet.current(TEMPLATE_THREAD)));
			}
		}
		return ratios(rows);
	}

	/** 2 (and 5 for inproc): a raw PUSH feeding a raw PULL loop against a @ZmqListener(byte[]). */
	List<Row> receive(String scenario, boolean inproc) throws Exception {
		long messages = this.harness.messages(inproc ? 2_000_000 : 1_000_000);
		List<Row> rows = new ArrayList<>();
		try (ZContext senderContext = new ZContext(1); ZContext receiverContext = new ZContext(1)) {
			String endpoint = inproc ? "inproc://raw-receive" : Endpoints.tcp();
			ZContext receiving = inproc ? senderContext : receiverContext;
			try (Raw.Receiver receiver = new Raw.Receiver(receiving, SocketType.PULL, endpoint, true, "raw-rx",
					Raw.DISCARD)) {
				ZMQ.Socket push = Raw.push(senderContext, endpoint);
				rows.add(this.harness.throughput(scenario, "raw", messages,
						(count) -> pushAndAwait(push, Bench.PAYLOAD, count, receiver.count),
						ThreadSet.named("raw-rx")));
				push.close();
			}
		}
		String endpoint = inproc ? "inproc://starter-receive" : Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(Listeners.BytesListener.class,
				"zmq.sockets.rx.type=PULL", "zmq.sockets.rx.endpoints=@" + endpoint);
				ZContext senderContext = new ZContext(1)) {
			ZContext sending = inproc ? app.getBean(ZContext.class) : senderContext;
			ZMQ.Socket push = Raw.push(sending, endpoint);
			rows.add(this.harness.throughput(scenario, "starter", messages,
					(count) -> pushAndAwait(push, Bench.PAYLOAD, count, Listeners.COUNT),
					ThreadSet.named(LISTENER_THREAD)));
			push.close();
		}
		return ratios(rows);
	}

	/** 3: convertAndSend(String) into @ZmqListener(String), and the same with a JSON record. */
	List<Row> endToEnd(String scenario, boolean json) throws Exception {
		long messages = this.harness.messages(json ? 300_000 : 1_000_000);
		JsonMapper mapper = JsonMapper.builder().build();
		List<Row> rows = new ArrayList<>();
		try (ZContext senderContext = new ZContext(1); ZContext receiverContext = new ZContext(1)) {
			String endpoint = Endpoints.tcp();
			try (Raw.Receiver receiver = new Raw.Receiver(receiverContext, SocketType.PULL, endpoint, true, "raw-rx",
					json ? (payload) -> mapper.readValue(payload, Bench.Order.class)
							: (payload) -> new String(payload, StandardCharsets.UTF_8))) {
				ZMQ.Socket push = Raw.push(senderContext, endpoint);
				rows.add(this.harness.throughput(scenario, "raw", messages, (count) -> {
					long target = receiver.count.get() + count;
					for (long i = 0; i < count; i++) {
						push.send(json ? mapper.writeValueAsBytes(Bench.Order.SAMPLE)
								: Bench.TEXT.getBytes(StandardCharsets.UTF_8), 0);
					}
					Harness.awaitCount(receiver.count, target);
				}, ThreadSet.none()));
				push.close();
			}
		}
		rows.add(starterEndToEnd(scenario, json, messages));
		return ratios(rows);
	}

	/** The starter half of 3 (also run by 9): convertAndSend into a @ZmqListener over tcp. */
	Row starterEndToEnd(String scenario, boolean json, long messages) throws Exception {
		String endpoint = Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(
				json ? Listeners.JsonListener.class : Listeners.StringListener.class, "zmq.sockets.rx.type=PULL",
				"zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.tx.type=PUSH",
				"zmq.sockets.tx.endpoints=>" + endpoint)) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			Object payload = json ? Bench.Order.SAMPLE : Bench.TEXT;
			return this.harness.throughput(scenario, "starter", messages, (count) -> {
				long target = Listeners.COUNT.get() + count;
				for (long i = 0; i < count; i++) {
					template.convertAndSend("tx", payload);
				}
				Harness.awaitCount(Listeners.COUNT, target);
			}, ThreadSet.none());
		}
	}

	/** 4: PUB/SUB with one topic, template to listener, against raw PUB to raw SUB. */
	List<Row> pubSub(String scenario) throws Exception {
		long messages = this.harness.messages(1_000_000);
		byte[] topic = "bench".getBytes(StandardCharsets.UTF_8);
		List<Row> rows = new ArrayList<>();
		try (ZContext senderContext = new ZContext(1); ZContext receiverContext = new ZContext(1)) {
			String endpoint = Endpoints.tcp();
			ZMQ.Socket pub = senderContext.getContext().socket(SocketType.PUB);
			pub.setSndHWM(0);
			pub.bind(endpoint);
			try (Raw.Receiver receiver = new Raw.Receiver(receiverContext, SocketType.SUB, endpoint, false, "raw-rx",
					(payload) -> {
					}, topic)) {
				joinSubscriber(() -> {
					pub.send(topic, ZMQ.SNDMORE);
					pub.send(Bench.PAYLOAD, 0);
				}, receiver.count);
				rows.add(this.harness.throughput(scenario, "raw", messages, (count) -> {
					long target = receiver.count.get() + count;
					for (long i = 0; i < count; i++) {
						pub.send(topic, ZMQ.SNDMORE);
						pub.send(Bench.PAYLOAD, 0);
					}
					Harness.awaitCount(receiver.count, target);
				}, ThreadSet.none()));
			}
			pub.close();
		}
		String endpoint = Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(Listeners.TopicListener.class,
				"zmq.sockets.tx.type=PUB", "zmq.sockets.tx.endpoints=@" + endpoint, "zmq.sockets.tx.send-hwm=0",
				"zmq.sockets.rx.type=SUB", "zmq.sockets.rx.endpoints=>" + endpoint, "zmq.sockets.rx.topics=bench",
				"zmq.sockets.rx.receive-hwm=0")) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			joinSubscriber(() -> template.send("tx", "bench", Bench.PAYLOAD), Listeners.COUNT);
			rows.add(this.harness.throughput(scenario, "starter", messages, (count) -> {
				long target = Listeners.COUNT.get() + count;
				for (long i = 0; i < count; i++) {
					template.send("tx", "bench", Bench.PAYLOAD);
				}
				Harness.awaitCount(Listeners.COUNT, target);
			}, ThreadSet.none()));
		}
		return ratios(rows);
	}

	/** 8: four caller threads share one template (scenario 1 with contention). */
	List<Row> contended(String scenario, int threads) throws Exception {
		long messages = this.harness.messages(1_000_000);
		List<Row> rows = new ArrayList<>();
		String endpoint = Endpoints.tcp();
		try (ConfigurableApplicationContext app = StarterApp.start(Listeners.TemplateOnly.class,
				"zmq.sockets.tx.type=PUSH", "zmq.sockets.tx.endpoints=>" + endpoint);
				ZContext receiverContext = new ZContext(1);
				Raw.Receiver receiver = new Raw.Receiver(receiverContext, SocketType.PULL, endpoint, true, "raw-rx",
						Raw.DISCARD)) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			rows.add(this.harness.throughput(scenario, "starter 1 thread", messages, (count) -> {
				long target = receiver.count.get() + count;
				for (long i = 0; i < count; i++) {
					template.send("tx", Bench.PAYLOAD);
				}
				Harness.awaitCount(receiver.count, target);
			}, ThreadSet.none()));
			rows.add(this.harness.throughput(scenario, "starter " + threads + " threads", messages, (count) -> {
				long target = receiver.count.get() + count;
				CountDownLatch done = new CountDownLatch(threads);
				for (int t = 0; t < threads; t++) {
					long share = count / threads + ((t == 0) ? count % threads : 0);
					Thread sender = new Thread(() -> {
						for (long i = 0; i < share; i++) {
							template.send("tx", Bench.PAYLOAD);
						}
						done.countDown();
					}, "bench-caller-" + t);
					sender.start();
				}
				done.await();
				Harness.awaitCount(receiver.count, target);
			}, ThreadSet.none()));
		}
		Row single = rows.get(0);
		return List.of(single, rows.get(1).withRatio(single.median(), "vs starter 1 thread"));
	}

	static void pushAndAwait(ZMQ.Socket push, byte[] payload, long count, AtomicLong counter) {
		long target = counter.get() + count;
		for (long i = 0; i < count; i++) {
			push.send(payload, 0);
		}
		Harness.awaitCount(counter, target);
	}

	/** A subscriber joins a moment after it connects: publish until it hears something. */
	static void joinSubscriber(Runnable publish, AtomicLong counter) {
		long start = counter.get();
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (counter.get() == start) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The subscriber never joined");
			}
			publish.run();
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

	static List<Row> ratios(List<Row> rows) {
		Row raw = rows.get(0);
		List<Row> result = new ArrayList<>();
		result.add(raw);
		for (Row row : rows.subList(1, rows.size())) {
			result.add(row.withRatio(raw.median(), "vs raw"));
		}
		return result;
	}

}

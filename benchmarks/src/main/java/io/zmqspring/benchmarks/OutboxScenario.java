package io.zmqspring.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqOutboxAutoConfiguration;
import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.template.ZmqTemplate;

/**
 * 13: the durable outbox against plain sends on the same sockets: template DEALER {@code tx} to
 * a ROUTER {@code @ZmqListener(byte[])} on {@code rx} over tcp, 64-byte payloads, timed until
 * the listener has every message. The outbox variants store each message before {@code send}
 * returns, and the listener records each in its delivery log (same sync policy) before its
 * handler runs and acknowledges it after; once per sync policy, and with four caller threads and
 * with {@code sendBatch} of 100 for {@code batch}, where the sends share their commits, and with a
 * listener of four workers, whose records of a handler's start share theirs.
 */
final class OutboxScenario {

	private static final AtomicLong COUNT = new AtomicLong();

	private final Harness harness;

	OutboxScenario(Harness harness) {
		this.harness = harness;
	}

	List<Row> run(String scenario) throws Exception {
		List<Row> rows = new ArrayList<>();
		rows.add(run(scenario, "plain send", null, this.harness.messages(200_000), 1, 1, Receiver.class));
		rows.add(run(scenario, "outbox os", "os", this.harness.messages(20_000), 1, 1, Receiver.class));
		rows.add(run(scenario, "outbox batch", "batch", this.harness.messages(2_000), 1, 1, Receiver.class));
		rows.add(run(scenario, "outbox always", "always", this.harness.messages(2_000), 1, 1, Receiver.class));
		rows.add(run(scenario, "outbox batch, 4 threads", "batch", this.harness.messages(4_000), 4, 1,
				Receiver.class));
		rows.add(run(scenario, "outbox batch, sendBatch 100", "batch", this.harness.messages(20_000) / 100 * 100, 1,
				100, Receiver.class));
		rows.add(run(scenario, "outbox batch, 4 threads, 4 workers", "batch", this.harness.messages(4_000), 4, 1,
				ConcurrentReceiver.class));
		Row plain = rows.get(0);
		List<Row> result = new ArrayList<>(List.of(plain));
		rows.subList(1, rows.size()).forEach((row) -> result.add(row.withRatio(plain.median(), "vs plain send")));
		return result;
	}

	private Row run(String scenario, String variant, String sync, long messages, int threads, int perSend,
			Class<?> receiver) throws Exception {
		Path directory = Files.createTempDirectory("zmq-bench-outbox");
		String endpoint = Endpoints.tcp();
		List<String> properties = new ArrayList<>(List.of("zmq.sockets.rx.type=ROUTER",
				"zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.tx.type=DEALER",
				"zmq.sockets.tx.endpoints=>" + endpoint));
		if (sync != null) {
			properties.addAll(List.of("zmq.sockets.tx.outbox.enabled=true", "zmq.sockets.tx.outbox.sync=" + sync,
					"zmq.sockets.tx.outbox.directory=" + directory, "zmq.sockets.rx.outbox.dedup.enabled=true",
					"zmq.sockets.rx.outbox.dedup.sync=" + sync, "zmq.sockets.rx.outbox.directory=" + directory));
		}
		List<byte[]> batch = IntStream.range(0, perSend).mapToObj((i) -> Bench.PAYLOAD).toList();
		try (ConfigurableApplicationContext app = StarterApp.start(receiver, properties.toArray(new String[0]))) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			return this.harness.throughput(scenario, variant, messages, (count) -> {
				long target = COUNT.get() + count;
				CountDownLatch done = new CountDownLatch(threads);
				for (int t = 0; t < threads; t++) {
					long share = count / threads / perSend;
					Thread caller = new Thread(() -> {
						for (long i = 0; i < share; i++) {
							if (perSend == 1) {
								template.send("tx", Bench.PAYLOAD);
							}
							else {
								template.sendBatch("tx", batch);
							}
						}
						done.countDown();
					}, "bench-caller-" + t);
					caller.start();
				}
				done.await();
				Harness.awaitCount(COUNT, target - count % (threads * perSend));
			}, ThreadSet.none());
		}
		finally {
			delete(directory);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, ZmqOutboxAutoConfiguration.class })
	static class Receiver {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(byte[] payload) {
			COUNT.incrementAndGet();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, ZmqOutboxAutoConfiguration.class })
	static class ConcurrentReceiver {

		@ZmqListener(id = "bench-rx", socket = "rx", concurrency = "4")
		void onMessage(byte[] payload) {
			COUNT.incrementAndGet();
		}

	}

}

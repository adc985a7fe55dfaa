package io.zmqspring.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketStats;
import io.zmqspring.template.ZmqTemplate;

/**
 * 11: payload formats end to end, template to listener over tcp: raw bytes (the JSON bytes,
 * sent and received as {@code byte[]}), JSON and MessagePack, for a small record and a record of
 * about 1 KB, with the payload bytes each message puts on the wire. 12: the template's batch
 * send against single sends.
 */
final class MessageScenarios {

	private final Harness harness;

	MessageScenarios(Harness harness) {
		this.harness = harness;
	}

	/** 11: raw bytes vs JSON vs MessagePack, small and about 1 KB. */
	List<Row> formats(String scenario) throws Exception {
		List<Row> rows = new ArrayList<>();
		rows.addAll(formats(scenario + " small", Bench.Order.SAMPLE, Listeners.JsonListener.class, 300_000));
		rows.addAll(formats(scenario + " 1KB", Report.SAMPLE, Large.class, 100_000));
		return rows;
	}

	private List<Row> formats(String scenario, Object record, Class<?> listener, long base) throws Exception {
		long messages = this.harness.messages(base);
		byte[] json = JsonMapper.builder().build().writeValueAsBytes(record);
		List<Row> rows = new ArrayList<>();
		rows.add(run(scenario, "raw bytes", Listeners.BytesListener.class, null, messages, (template) -> template.send("tx", json)));
		rows.add(run(scenario, "JSON", listener, null, messages, (template) -> template.convertAndSend("tx", record)));
		rows.add(run(scenario, "MessagePack", listener, "application/msgpack", messages,
				(template) -> template.convertAndSend("tx", record)));
		Row raw = rows.get(0);
		List<Row> result = new ArrayList<>(List.of(raw));
		for (Row row : rows.subList(1, rows.size())) {
			result.add(row.withRatio(raw.median(), "vs raw bytes; " + row.note()));
		}
		return result;
	}

	/** 12: 64-byte payloads, one send each against sendBatch of 100. */
	List<Row> batches(String scenario) throws Exception {
		long messages = this.harness.messages(1_000_000) / 100 * 100;
		List<byte[]> batch = IntStream.range(0, 100).mapToObj((i) -> Bench.PAYLOAD).toList();
		List<Row> rows = new ArrayList<>();
		rows.add(run(scenario, "send", Listeners.BytesListener.class, null, messages, (template) -> template.send("tx", Bench.PAYLOAD)));
		rows.add(run(scenario, "sendBatch of 100", Listeners.BytesListener.class, null, messages / 100,
				(template) -> template.sendBatch("tx", batch), 100));
		Row single = rows.get(0);
		return List.of(single, rows.get(1).withRatio(single.median(), "vs send; " + rows.get(1).note()));
	}

	private Row run(String scenario, String variant, Class<?> listener, String contentType, long messages,
			Send send) throws Exception {
		return run(scenario, variant, listener, contentType, messages, send, 1);
	}

	/** Start an app with the listener on rx and the template on tx; {@code perSend} messages per call. */
	private Row run(String scenario, String variant, Class<?> listener, String contentType, long sends, Send send,
			int perSend) throws Exception {
		String endpoint = Endpoints.tcp();
		List<String> properties = new ArrayList<>(List.of("zmq.sockets.rx.type=PULL", "zmq.sockets.rx.endpoints=@" + endpoint,
				"zmq.sockets.tx.type=PUSH", "zmq.sockets.tx.endpoints=>" + endpoint));
		if (contentType != null) {
			properties.add("zmq.sockets.tx.content-type=" + contentType);
			properties.add("zmq.sockets.rx.content-type=" + contentType);
		}
		try (ConfigurableApplicationContext app = StarterApp.start(listener, properties.toArray(new String[0]))) {
			ZmqTemplate template = app.getBean(ZmqTemplate.class);
			ZmqSocketStats stats = app.getBean(ZmqSocketFactory.class).getOwners().find("tx").getStats();
			long messages = sends * perSend;
			Row row = this.harness.throughput(scenario, variant, messages, (count) -> {
				long target = Listeners.COUNT.get() + count;
				for (long i = 0; i < count / perSend; i++) {
					send.send(template);
				}
				Harness.awaitCount(Listeners.COUNT, target);
			}, ThreadSet.none());
			double wire = (double) stats.getBytesSent() / Math.max(1, stats.getMessagesSent());
			return new Row(row.scenario(), row.variant(), row.metric(), row.median(), row.rounds(), row.bytesPerMessage(),
					row.ratio(), String.format(Locale.ROOT, "%.0f B on the wire per message", wire));
		}
	}

	@FunctionalInterface
	interface Send {

		void send(ZmqTemplate template);

	}

	/** A record of about 1 KB as JSON. */
	record Report(long id, String source, String title, List<Integer> counts, List<String> tags, String body) {

		static final Report SAMPLE = new Report(9_876_543_210L, "sensor-cluster-eu-west-7", "Hourly throughput report",
				IntStream.range(0, 64).map((i) -> i * 1_013).boxed().toList(),
				List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"), "x".repeat(420));

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class Large {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(Report report) {
			if (report.counts().size() == 64) {
				Listeners.COUNT.incrementAndGet();
			}
		}

	}

}

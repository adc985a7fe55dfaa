package io.zmqspring.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the scenarios and prints a table of medians and ratios; writes the same as JSON.
 * <p>
 * Options: {@code --scenarios=1,2,3} (default all), {@code --rounds=5}, {@code --warmup=3},
 * {@code --scale=1.0} (message counts), {@code --out=benchmarks/target/benchmark-results.json},
 * {@code --observations} (the starter's applications observe every send and listener invocation,
 * recorded as Micrometer timers).
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		StarterApp.observations = Boolean.parseBoolean(options.getOrDefault("observations", "false"));
		if (StarterApp.observations) {
			System.out.println("Observations on: zmq.template.observation-enabled and zmq.listener.observation-enabled");
		}
		Set<String> scenarios = new LinkedHashSet<>(
				List.of(options.getOrDefault("scenarios", "1,2,3,4,5,6,7,8,9,10,11,12,13,14").split(",")));
		Harness harness = new Harness(Integer.parseInt(options.getOrDefault("warmup", "3")),
				Integer.parseInt(options.getOrDefault("rounds", "5")),
				Double.parseDouble(options.getOrDefault("scale", "1.0")));
		ThroughputScenarios throughput = new ThroughputScenarios(harness);
		RequestReplyScenarios requestReply = new RequestReplyScenarios(harness);
		MessageScenarios messages = new MessageScenarios(harness);
		List<Row> rows = new ArrayList<>();
		for (String scenario : scenarios) {
			List<Row> result = switch (scenario.trim()) {
				case "1" -> throughput.send("1 one-way send tcp", false);
				case "2" -> throughput.receive("2 one-way receive tcp", false);
				case "3" -> {
					List<Row> both = new ArrayList<>(throughput.endToEnd("3 end-to-end String", false));
					both.addAll(throughput.endToEnd("3 end-to-end JSON", true));
					yield both;
				}
				case "4" -> throughput.pubSub("4 PUB/SUB one topic");
				case "5" -> {
					List<Row> both = new ArrayList<>(throughput.send("5 one-way send inproc", true));
					both.addAll(throughput.receive("5 one-way receive inproc", true));
					yield both;
				}
				case "6" -> requestReply.latency("6 request-reply latency");
				case "7" -> requestReply.inFlight("7 request-reply 64 in flight");
				case "8" -> throughput.contended("8 send, 4 caller threads", 4);
				case "9" -> new SpringIntegrationScenario(harness).run("9 vs Spring Integration ZeroMQ");
				case "10" -> new CurveScenario(harness).run("10 CURVE PUSH/PULL tcp");
				case "11" -> messages.formats("11 formats end to end");
				case "12" -> messages.batches("12 batch send tcp");
				case "13" -> new OutboxScenario(harness).run("13 durable outbox tcp");
				case "14" -> new TransferScenario(harness).run("14 transfer 256 KB chunks tcp");
				default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
			};
			result.forEach(BenchmarkMain::print);
			rows.addAll(result);
		}
		write(Path.of(options.getOrDefault("out", "benchmarks/target/benchmark-results.json")), harness, rows);
	}

	private static void print(Row row) {
		System.out.printf(Locale.ROOT, "%-32s %-22s %-7s %14s %8s %10s  %s%n", row.scenario(), row.variant(),
				row.metric(), format(row.median()), (row.ratio() != null) ? String.format(Locale.ROOT, "%.2f", row.ratio()) : "",
				(row.bytesPerMessage() != null) ? String.format(Locale.ROOT, "%.0f B", row.bytesPerMessage()) : "",
				row.note());
	}

	private static String format(double value) {
		return (value >= 1000) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private static void write(Path out, Harness harness, List<Row> rows) throws IOException {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("date", OffsetDateTime.now().toString());
		report.put("host", InetAddress.getLocalHost().getHostName());
		report.put("cores", Runtime.getRuntime().availableProcessors());
		report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		report.put("messageSize", Bench.SIZE);
		report.put("warmupRounds", harness.warmupRounds);
		report.put("rounds", harness.rounds);
		report.put("observations", StarterApp.observations);
		report.put("rows", rows);
		if (out.getParent() != null) {
			Files.createDirectories(out.getParent());
		}
		JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(out, mapper.writeValueAsString(report));
		System.out.println("Results written to " + out);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.equals("--observations")) {
				options.put("observations", "true");
				continue;
			}
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Options are --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

}

package io.zmqspring.sample.patterns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;

import io.zmqspring.sample.patterns.asyncsrv.AsyncServerSample;
import io.zmqspring.sample.patterns.broker.BrokerSample;
import io.zmqspring.sample.patterns.chat.ChatSample;
import io.zmqspring.sample.patterns.curve.CurveSample;
import io.zmqspring.sample.patterns.pubsub.PubSubSample;
import io.zmqspring.sample.patterns.reqrep.ReqRepSample;
import io.zmqspring.sample.patterns.taskqueue.TaskQueueSample;

/**
 * Starts one of the samples: {@code java -jar zmq-sample-patterns.jar --sample=chat}. Each
 * sample is a package of its own with a {@code @SpringBootApplication} class and its
 * configuration in {@code application-<sample>.yml}; its parts (a server, a client...) are Spring
 * profiles, so {@code --spring.profiles.active=server} runs only the server. Without profiles a
 * sample runs all its parts in one process.
 */
public final class PatternSamples {

	private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

	static {
		add(new Sample("reqrep", ReqRepSample.class, "request-reply: a REP pricing server and a REQ client", "server",
				"client"));
		add(new Sample("pubsub", PubSubSample.class, "publish-subscribe with topics, without slow joiners",
				"publisher", "subscriber"));
		add(new Sample("asyncsrv", AsyncServerSample.class,
				"an asynchronous ROUTER server and DEALER clients with many requests in flight", "server", "client"));
		add(new Sample("broker", BrokerSample.class, "an XSUB/XPUB broker from configuration, with publishers and "
				+ "subscribers", "proxy", "publisher", "subscriber"));
		add(new Sample("curve", CurveSample.class, "a CURVE-encrypted service that lets in only known clients",
				"server", "client"));
		add(new Sample("chat", ChatSample.class, "a chat room with presence through heartbeats", "hub", "client"));
		add(new Sample("taskqueue", TaskQueueSample.class, "a task queue whose workers may die without losing tasks "
				+ "(Paranoid Pirate)", "queue", "worker", "client"));
	}

	private PatternSamples() {
	}

	public static void main(String[] args) {
		String name = option(args, "--sample=");
		Sample sample = (name != null) ? SAMPLES.get(name) : null;
		if (sample == null) {
			System.err.println(usage(name));
			System.exit(2);
			return;
		}
		SpringApplication application = new SpringApplication(sample.type());
		application.setMainApplicationClass(sample.type());
		List<String> profiles = new ArrayList<>(List.of(sample.name()));
		if (!profilesGiven(args)) {
			profiles.addAll(sample.parts());
		}
		application.setAdditionalProfiles(profiles.toArray(String[]::new));
		application.run(args);
	}

	private static void add(Sample sample) {
		SAMPLES.put(sample.name(), sample);
	}

	private static boolean profilesGiven(String[] args) {
		return option(args, "--spring.profiles.active=") != null || System.getProperty("spring.profiles.active") != null
				|| System.getenv("SPRING_PROFILES_ACTIVE") != null;
	}

	private static @Nullable String option(String[] args, String prefix) {
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				return arg.substring(prefix.length());
			}
		}
		return null;
	}

	private static String usage(@Nullable String name) {
		StringBuilder usage = new StringBuilder();
		usage.append((name != null) ? "Unknown sample '" + name + "'. " : "")
			.append("Usage: java -jar zmq-sample-patterns.jar --sample=<name> [--spring.profiles.active=<part>]\n");
		SAMPLES.values()
			.forEach((sample) -> usage.append(String.format("  %-10s %s; parts: %s%n", sample.name(),
					sample.description(), String.join(", ", sample.parts()))));
		return usage.toString();
	}

	/**
	 * One sample: its name (also the profile that reads {@code application-<name>.yml}), its
	 * application class and its parts, the profiles it runs when none are given.
	 */
	private record Sample(String name, Class<?> type, String description, List<String> parts) {

		Sample(String name, Class<?> type, String description, String... parts) {
			this(name, type, description, List.of(parts));
		}

	}

}

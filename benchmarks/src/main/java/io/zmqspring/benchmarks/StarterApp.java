package io.zmqspring.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a small application context with the starter, the way a service would.
 */
final class StarterApp {

	/** Whether the applications observe their sends and listeners ({@code --observations}). */
	static boolean observations;

	private StarterApp() {
	}

	static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.register-shutdown-hook=false",
				"zmq.defaults.send-hwm=" + Bench.HWM, "zmq.defaults.receive-hwm=" + Bench.HWM,
				"zmq.defaults.send-timeout=60s"));
		all.addAll(List.of(properties));
		if (observations) {
			all.addAll(List.of(ObservedConfiguration.PROPERTIES));
		}
		Class<?>[] sources = observations ? new Class<?>[] { configuration, ObservedConfiguration.class }
				: new Class<?>[] { configuration };
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(new String[0]))
			.run();
	}

}

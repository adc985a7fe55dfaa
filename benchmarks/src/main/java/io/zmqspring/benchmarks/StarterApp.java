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

	private StarterApp() {
	}

	static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.register-shutdown-hook=false",
				"zmq.defaults.send-hwm=" + Bench.HWM, "zmq.defaults.receive-hwm=" + Bench.HWM,
				"zmq.defaults.send-timeout=60s"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(new String[0]))
			.run();
	}

}

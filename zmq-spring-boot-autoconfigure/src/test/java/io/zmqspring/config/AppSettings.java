package io.zmqspring.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A JavaBean {@code @ConfigurationProperties} class as applications write them: a plain value, a
 * duration, a read-only nested object and a read-only map.
 */
@ConfigurationProperties("app")
public class AppSettings {

	private String greeting = "default";

	private Duration timeout = Duration.ofSeconds(5);

	private final Limits limits = new Limits();

	private final Map<String, String> labels = new LinkedHashMap<>();

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Map<String, String> getLabels() {
		return this.labels;
	}

	public static class Limits {

		private int max = 10;

		public int getMax() {
			return this.max;
		}

		public void setMax(int max) {
			this.max = max;
		}

	}

}

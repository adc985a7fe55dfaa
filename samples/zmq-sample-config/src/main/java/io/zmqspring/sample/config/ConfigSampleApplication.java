package io.zmqspring.sample.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The configuration centre in one jar. With the {@code server} profile it serves the files of a
 * directory ({@code config/} by default) and publishes what changes in them; with the
 * {@code client} profile it takes its {@code greeting.*} properties from the server and logs
 * every change, as its {@link GreetingProperties} bean sees it.
 */
@SpringBootApplication
@EnableConfigurationProperties(GreetingProperties.class)
public class ConfigSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConfigSampleApplication.class, args);
	}

}

package io.zmqspring.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;

/**
 * The applications the scenarios start: each declares the listener it measures, on socket
 * {@code rx}, so that its owner thread ({@code zmq-socket-rx}) can be found for allocation figures.
 */
final class Listeners {

	static final AtomicLong COUNT = new AtomicLong();

	private Listeners() {
	}

	/** Only the template, no listener. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class TemplateOnly {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class BytesListener {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(byte[] payload) {
			COUNT.incrementAndGet();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class StringListener {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(String payload) {
			if (!payload.isEmpty()) {
				COUNT.incrementAndGet();
			}
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class JsonListener {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(Bench.Order order) {
			if (order.quantity() > 0) {
				COUNT.incrementAndGet();
			}
		}

	}

	/**
	 * Scenario 10: the template's {@code tx} (CURVE client) and this listener's {@code rx} (CURVE
	 * server) in one application; the security comes from properties only.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class CurveListener {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(byte[] payload) {
			COUNT.incrementAndGet();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class TopicListener {

		@ZmqListener(id = "bench-rx", socket = "rx")
		void onMessage(byte[] payload) {
			COUNT.incrementAndGet();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZmqAutoConfiguration.class, JacksonAutoConfiguration.class })
	static class EchoListener {

		@ZmqListener(id = "bench-rx", socket = "rx")
		byte[] onMessage(byte[] payload) {
			return payload;
		}

	}

}

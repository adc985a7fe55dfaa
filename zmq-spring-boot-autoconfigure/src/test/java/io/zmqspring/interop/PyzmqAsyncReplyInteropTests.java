package io.zmqspring.interop;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A libzmq REQ client (pyzmq) served by a REP listener whose replies complete later.
 */
@ExtendWith(PyzmqAvailable.class)
class PyzmqAsyncReplyInteropTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void pyzmqRequesterGetsEachAsynchronousReplyAndTheErrorReplyOfAFailedOne() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(AsyncRepListener.class).withPropertyValues("rep.endpoint=" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (PyzmqPeer client = PyzmqPeer.start("req_client.py", endpoint, "one", "boom", "two")) {
					client.awaitSuccess();
					assertThat(client.texts("REPLY")).containsExactly(List.of("later:one"),
							List.of("ZMQ-SPRING-ERROR: handler: IllegalStateException"), List.of("later:two"));
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncRepListener {

		@ZmqListener(type = "REP", endpoints = "@${rep.endpoint}")
		CompletableFuture<String> reply(String request) {
			return CompletableFuture.supplyAsync(() -> {
				if (request.equals("boom")) {
					throw new IllegalStateException("secret detail");
				}
				return "later:" + request;
			});
		}

	}

}

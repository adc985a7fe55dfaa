package io.zmqspring.security;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;

/**
 * Echo listeners on the configured sockets {@code server}, {@code plainServer} and
 * {@code guarded}, counting what reaches them.
 */
final class SecureEchoListeners {

	private SecureEchoListeners() {
	}

	@Configuration(proxyBeanMethods = false)
	static class Server {

		final AtomicInteger good = new AtomicInteger();

		final AtomicInteger other = new AtomicInteger();

		@ZmqListener(socket = "server")
		String echo(String request) {
			(request.startsWith("good") ? this.good : this.other).incrementAndGet();
			return "echo:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainServer {

		final AtomicInteger good = new AtomicInteger();

		final AtomicInteger other = new AtomicInteger();

		@ZmqListener(socket = "plainServer")
		String echo(String request) {
			(request.startsWith("good") ? this.good : this.other).incrementAndGet();
			return "plain:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Guarded {

		final AtomicInteger received = new AtomicInteger();

		@ZmqListener(socket = "guarded")
		String echo(String request) {
			this.received.incrementAndGet();
			return "guarded:" + request;
		}

	}

}

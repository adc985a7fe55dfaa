package io.zmqspring.proxy;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.template.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy configuration binds in both of its forms, a socket's name or a socket of the proxy's own,
 * and what cannot work fails startup naming the property.
 */
class ProxyConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.sockets.in.type=XSUB", "zmq.sockets.in.endpoints=@inproc://in",
				"zmq.sockets.out.type=XPUB", "zmq.sockets.out.endpoints=@inproc://out",
				"zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@inproc://news");

	@Test
	void socketNamesAndSocketsOfTheProxysOwnMakeOneDefinition() {
		this.runner.withPropertyValues("zmq.proxies.market.frontend=in", "zmq.proxies.market.backend.type=XPUB",
				"zmq.proxies.market.backend.endpoints=@inproc://market-out", "zmq.proxies.market.backend.send-hwm=5")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqProxyDefinition definition = context.getBean(ZmqProxyRegistry.class).getProxy("market").getDefinition();
				assertThat(definition.kind()).isEqualTo(ZmqProxyKind.FORWARDER);
				assertThat(definition.frontend().name()).isEqualTo("in");
				assertThat(definition.backend().name()).isEqualTo("market-backend");
				assertThat(definition.backend().options().sendHwm()).isEqualTo(5);
				assertThat(definition.backend().options().linger()).as("from zmq.defaults").isNotNull();
			});
	}

	@Test
	void socketNamedInTheLongFormIsTheConfiguredSocket() {
		this.runner.withPropertyValues("zmq.proxies.market.frontend.socket=in", "zmq.proxies.market.backend.socket=out")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZmqProxyRegistry.class).getProxySocketNames()).containsExactly("in", "out");
			});
	}

	@Test
	void unknownSocketNameFailsNamingTheProxyProperty() {
		assertFailure("zmq.proxies.market.frontend", "nope", "no socket 'nope' under zmq.sockets",
				"zmq.proxies.market.frontend=nope", "zmq.proxies.market.backend=out");
	}

	@Test
	void publisherAsAForwardersFrontendFailsNamingTheFrontend() {
		assertFailure("zmq.proxies.market.frontend", "news (PUB)", "a FORWARDER's frontend must be of type XSUB",
				"zmq.proxies.market.kind=FORWARDER", "zmq.proxies.market.frontend=news",
				"zmq.proxies.market.backend=out");
	}

	@Test
	void frontendOfNoProxyKindFailsNamingTheFrontend() {
		assertFailure("zmq.proxies.market.frontend", "news (PUB)", "XSUB (forwarder), ROUTER (queue) or PULL",
				"zmq.proxies.market.frontend=news", "zmq.proxies.market.backend=out");
	}

	@Test
	void backendOfAnotherKindFailsNamingTheBackend() {
		assertFailure("zmq.proxies.market.backend", "news (PUB)", "a FORWARDER's backend must be of type XPUB",
				"zmq.proxies.market.frontend=in", "zmq.proxies.market.backend=news");
	}

	@Test
	void missingBackendFailsNamingIt() {
		assertFailure("zmq.proxies.market.backend", null, "a proxy needs a backend", "zmq.proxies.market.frontend=in");
	}

	@Test
	void socketNamedAndDeclaredAtOnceFails() {
		assertFailure("zmq.proxies.market.frontend.socket", "in", "not both", "zmq.proxies.market.frontend.socket=in",
				"zmq.proxies.market.frontend.type=XSUB", "zmq.proxies.market.backend=out");
	}

	@Test
	void captureOfAReceivingTypeFailsNamingTheCapture() {
		assertFailure("zmq.proxies.market.capture", "market-capture (PULL)", "PUB, XPUB, PUSH, DEALER or PAIR",
				"zmq.proxies.market.frontend=in", "zmq.proxies.market.backend=out",
				"zmq.proxies.market.capture.type=PULL", "zmq.proxies.market.capture.endpoints=@inproc://tap");
	}

	@Test
	void socketOfTwoProxiesFailsNamingTheSecondUse() {
		assertFailure("zmq.proxies.second.frontend", "in", "already used by zmq.proxies.first.frontend",
				"zmq.proxies.first.frontend=in", "zmq.proxies.first.backend=out", "zmq.proxies.second.frontend=in",
				"zmq.proxies.second.backend.type=XPUB", "zmq.proxies.second.backend.endpoints=@inproc://second");
	}

	@Test
	void inlineSocketWithoutEndpointsFailsNamingItsProperty() {
		assertFailure("zmq.proxies.market.backend.endpoints", null, "at least one endpoint",
				"zmq.proxies.market.frontend=in", "zmq.proxies.market.backend.type=XPUB");
	}

	@Test
	void proxySocketThatWaitsForSubscribersFailsNamingTheProxyProperty() {
		assertFailure("zmq.proxies.market.backend", "out", "wait-for-subscribers is for the template's publishers",
				"zmq.sockets.out.wait-for-subscribers=1", "zmq.proxies.market.frontend=in",
				"zmq.proxies.market.backend=out");
	}

	@Test
	void socketAlsoUsedByAListenerFailsNamingTheProxyProperty() {
		this.runner.withUserConfiguration(PullListener.class)
			.withPropertyValues("zmq.sockets.tasks.type=PULL", "zmq.sockets.tasks.endpoints=@inproc://tasks",
					"zmq.proxies.pipe.frontend=tasks", "zmq.proxies.pipe.backend.type=PUSH",
					"zmq.proxies.pipe.backend.endpoints=@inproc://pipe-out")
			.run((context) -> {
				ZmqConfigurationException failure = cause(context.getStartupFailure(), ZmqConfigurationException.class);
				assertThat(failure.getProperty()).isEqualTo("zmq.proxies.pipe.frontend");
				assertThat(failure.getReason()).contains("also used by a @ZmqListener");
			});
	}

	@Test
	void templateDoesNotOpenTheSocketsOfAProxy() {
		this.runner.withPropertyValues("zmq.proxies.market.frontend=in", "zmq.proxies.market.backend=out")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZmqTemplate.class).isRunning()).isTrue();
				assertThat(context.getBean(ZmqProxyRegistry.class).getProxy("market").getState())
					.isEqualTo(ZmqProxy.State.RUNNING);
			});
	}

	private void assertFailure(String property, String value, String reason, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			ZmqConfigurationException failure = cause(context.getStartupFailure(), ZmqConfigurationException.class);
			assertThat(failure.getProperty()).isEqualTo(property);
			assertThat(failure.getValue()).isEqualTo(value);
			assertThat(failure.getReason()).contains(reason);
		});
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		assertThat(failure).isNotNull();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getName() + " in the cause chain of " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class PullListener {

		@ZmqListener(socket = "tasks")
		void task(String task) {
		}

	}

}

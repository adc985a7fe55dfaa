package io.zmqspring.security;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CURVE and PLAIN end to end over tcp, between the template and a listener.
 */
class SecurityEndToEndTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		// longer than twice the handshake interval a connect JeroMQ stalls waits out
		.withPropertyValues("zmq.template.reply-timeout=20s");

	@Test
	void curveClientTalksToCurveServerThatAllowsItsKey() {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(SecureEchoListeners.Server.class)
			.withPropertyValues("zmq.sockets.server.type=REP", "zmq.sockets.server.endpoints=@" + endpoint,
					"zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint)
			.withPropertyValues(TestCurve.server("server", server, client.publicKey))
			.withPropertyValues(TestCurve.client("client", client, server.publicKey))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.convertSendAndReceive("client", "good-1", String.class)).isEqualTo("echo:good-1");
				assertThat(template.convertSendAndReceive("client", "good-2", String.class)).isEqualTo("echo:good-2");
				assertThat(context.getBean(ZmqSocketFactory.class).getZapHandler().isRunning()).isTrue();
				assertThat(context.getBean(SecureEchoListeners.Server.class).good).hasValue(2);
			});
	}

	@Test
	void plainClientTalksToPlainServerThatKnowsItsUser() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(SecureEchoListeners.PlainServer.class)
			.withPropertyValues("zmq.sockets.plainServer.type=REP", "zmq.sockets.plainServer.endpoints=@" + endpoint,
					"zmq.sockets.plainServer.security.mechanism=PLAIN",
					"zmq.sockets.plainServer.security.plain.users.alice=wonderland",
					"zmq.sockets.client.type=REQ", "zmq.sockets.client.endpoints=>" + endpoint,
					"zmq.sockets.client.security.mechanism=PLAIN",
					"zmq.sockets.client.security.plain.username=alice",
					"zmq.sockets.client.security.plain.password=wonderland")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.convertSendAndReceive("client", "good-1", String.class))
					.isEqualTo("plain:good-1");
			});
	}

	@Test
	void inlineListenerSocketTakesTheDefaultSecurity() {
		ZMQ.Curve.KeyPair server = TestCurve.keyPair();
		ZMQ.Curve.KeyPair client = TestCurve.keyPair();
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(InlineListener.class)
			.withPropertyValues("rpc=" + endpoint, "zmq.defaults.security.mechanism=CURVE",
					"zmq.defaults.security.curve.public-key=" + server.publicKey,
					"zmq.defaults.security.curve.secret-key=" + server.secretKey,
					"zmq.defaults.security.curve.allowed-keys=" + client.publicKey, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + endpoint,
					"zmq.sockets.client.security.curve.public-key=" + client.publicKey,
					"zmq.sockets.client.security.curve.secret-key=" + client.secretKey,
					"zmq.sockets.client.security.curve.server-key=" + server.publicKey)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.convertSendAndReceive("client", "good", String.class)).isEqualTo("inline:good");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class InlineListener {

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String echo(String request) {
			return "inline:" + request;
		}

	}

	@Test
	void curveSettingsInDefaultsApplyToEverySocket() {
		ZMQ.Curve.KeyPair keys = TestCurve.keyPair();
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(SecureEchoListeners.Server.class)
			.withPropertyValues("zmq.defaults.security.mechanism=CURVE",
					"zmq.defaults.security.curve.public-key=" + keys.publicKey,
					"zmq.defaults.security.curve.secret-key=" + keys.secretKey,
					"zmq.defaults.security.curve.server-key=" + keys.publicKey,
					"zmq.defaults.security.curve.allowed-keys=" + keys.publicKey, "zmq.sockets.server.type=REP",
					"zmq.sockets.server.endpoints=@" + endpoint, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.convertSendAndReceive("client", "good", String.class)).isEqualTo("echo:good");
			});
	}

}

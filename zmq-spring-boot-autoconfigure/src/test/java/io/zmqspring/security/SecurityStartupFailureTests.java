package io.zmqspring.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZCert;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.TestCurve;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad security settings fail startup naming the property, and never show a secret.
 */
class SecurityStartupFailureTests {

	private static final ZMQ.Curve.KeyPair SERVER = TestCurve.keyPair();

	private static final ZMQ.Curve.KeyPair CLIENT = TestCurve.keyPair();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.sockets.s.type=REP", "zmq.sockets.s.endpoints=@" + FreePorts.tcp());

	@Test
	void secretKeyOfTheWrongLengthNamesThePropertyWithoutShowingIt() {
		String secret = SERVER.secretKey.substring(1);
		curveServer("zmq.sockets.s.security.curve.secret-key=" + secret).run((context) -> assertFailure(context,
				"zmq.sockets.s.security.curve.secret-key", "40 Z85 characters long", secret));
	}

	@Test
	void secretKeyWithCharactersOutsideZ85NamesThePropertyWithoutShowingIt() {
		String secret = "~" + SERVER.secretKey.substring(1);
		curveServer("zmq.sockets.s.security.curve.secret-key=" + secret).run((context) -> assertFailure(context,
				"zmq.sockets.s.security.curve.secret-key", "not in the Z85 alphabet", secret));
	}

	@Test
	void publicKeyGivenAsSecretKeyIsRefused() {
		curveServer("zmq.sockets.s.security.curve.secret-key=" + SERVER.publicKey).run((context) -> assertFailure(
				context, "zmq.sockets.s.security.curve.secret-key", "same as the public key", SERVER.secretKey));
	}

	@Test
	void secretKeyOfAnotherPairIsRefused() {
		curveServer("zmq.sockets.s.security.curve.secret-key=" + CLIENT.secretKey).run((context) -> assertFailure(
				context, "zmq.sockets.s.security.curve.secret-key", "does not belong to the public key",
				CLIENT.secretKey));
	}

	@Test
	void malformedAllowedKeyNamesItsIndex() {
		this.runner
			.withPropertyValues("zmq.sockets.s.security.mechanism=CURVE",
					"zmq.sockets.s.security.curve.public-key=" + SERVER.publicKey,
					"zmq.sockets.s.security.curve.secret-key=" + SERVER.secretKey,
					"zmq.sockets.s.security.curve.allowed-keys=" + CLIENT.publicKey + ",tooShort")
			.run((context) -> assertFailure(context, "zmq.sockets.s.security.curve.allowed-keys[1]", "tooShort",
					SERVER.secretKey));
	}

	@Test
	void missingCertificateFileNamesTheProperty(@TempDir Path directory) {
		Path missing = directory.resolve("server.key");
		this.runner
			.withPropertyValues("zmq.sockets.s.security.mechanism=CURVE",
					"zmq.sockets.s.security.curve.certificate=" + missing,
					"zmq.sockets.s.security.curve.allow-any=true")
			.run((context) -> assertFailure(context, "zmq.sockets.s.security.curve.certificate", "does not exist",
					"never-a-secret"));
	}

	@Test
	void certificateFilesWrittenByZCertAreRead(@TempDir Path directory) throws Exception {
		Path base = directory.resolve("server.key");
		ZCert cert = new ZCert(SERVER.publicKey, SERVER.secretKey);
		cert.savePublic(base.toString());
		cert.saveSecret(base + "_secret");
		this.runner
			.withPropertyValues("zmq.sockets.s.security.mechanism=CURVE",
					"zmq.sockets.s.security.curve.certificate=" + base,
					"zmq.sockets.s.security.curve.allowed-keys=" + CLIENT.publicKey)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void curveServerWithoutAllowListFailsUnlessAllowAny() {
		this.runner
			.withPropertyValues("zmq.sockets.s.security.mechanism=CURVE",
					"zmq.sockets.s.security.curve.public-key=" + SERVER.publicKey,
					"zmq.sockets.s.security.curve.secret-key=" + SERVER.secretKey)
			.run((context) -> assertFailure(context, "zmq.sockets.s.security.curve.allowed-keys", "allow-any",
					SERVER.secretKey));
		this.runner
			.withPropertyValues("zmq.sockets.s.security.mechanism=CURVE",
					"zmq.sockets.s.security.curve.public-key=" + SERVER.publicKey,
					"zmq.sockets.s.security.curve.secret-key=" + SERVER.secretKey,
					"zmq.sockets.s.security.curve.allow-any=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void plainServerWithoutUsersFails() {
		this.runner.withPropertyValues("zmq.sockets.s.security.mechanism=PLAIN")
			.run((context) -> assertFailure(context, "zmq.sockets.s.security.plain.users", "at least one user",
					"never-a-secret"));
	}

	@Test
	void plainClientWithoutPasswordFailsWithoutShowingTheUsersPasswords() {
		this.runner
			.withPropertyValues("zmq.sockets.c.type=REQ", "zmq.sockets.c.endpoints=>tcp://127.0.0.1:5555",
					"zmq.sockets.c.security.mechanism=PLAIN", "zmq.sockets.c.security.plain.username=alice",
					"zmq.sockets.s.security.mechanism=PLAIN", "zmq.sockets.s.security.plain.users.bob=hunter22")
			.run((context) -> assertFailure(context, "zmq.sockets.c.security.plain.password", "plain.password",
					"hunter22"));
	}

	@Test
	void serverSocketsSharingAZapDomainWithDifferentSettingsFailStartup() {
		this.runner
			.withPropertyValues("zmq.sockets.s.security.mechanism=PLAIN", "zmq.sockets.s.security.plain.users.bob=one1",
					"zmq.sockets.s.security.zap-domain=shared", "zmq.sockets.t.type=REP",
					"zmq.sockets.t.endpoints=@" + FreePorts.tcp(), "zmq.sockets.t.security.mechanism=PLAIN",
					"zmq.sockets.t.security.plain.users.bob=two2", "zmq.sockets.t.security.zap-domain=shared")
			.run((context) -> {
				assertFailure(context, "zmq.sockets.t.security.zap-domain", "same ZAP domain", "one1");
				assertFailure(context, "zmq.sockets.t.security.zap-domain", "same ZAP domain", "two2");
			});
	}

	@Test
	void securitySettingsNeverShowSecretsInToString() {
		ZmqSecurity security = new ZmqSecurity(ZmqSecurityMechanism.CURVE, true, null, SERVER.publicKey,
				SERVER.secretKey, null, java.util.Set.of(), null, true, "alice", "hunter22",
				java.util.Map.of("bob", "swordfish"), java.util.List.of(), java.util.List.of());
		assertThat(security.toString()).contains(SERVER.publicKey)
			.doesNotContain(SERVER.secretKey)
			.doesNotContain("hunter22")
			.doesNotContain("swordfish");
	}

	private ApplicationContextRunner curveServer(String secretKeyProperty) {
		return this.runner.withPropertyValues("zmq.sockets.s.security.mechanism=CURVE",
				"zmq.sockets.s.security.curve.public-key=" + SERVER.publicKey, secretKeyProperty,
				"zmq.sockets.s.security.curve.allowed-keys=" + CLIENT.publicKey);
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String reason,
			String secret) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(root).isInstanceOf(ZmqConfigurationException.class);
		assertThat(((ZmqConfigurationException) root).getProperty()).isEqualTo(property);
		assertThat(root.getMessage()).contains(property).contains(reason);
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain(secret);
	}

}

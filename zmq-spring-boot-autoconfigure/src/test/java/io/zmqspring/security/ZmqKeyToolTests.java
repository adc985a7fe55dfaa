package io.zmqspring.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key tool prints key pairs and writes certificates the starter reads back.
 */
class ZmqKeyToolTests {

	@Test
	void printsAMatchingKeyPair() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ZmqKeyTool.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
			.isZero();
		String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
		String publicKey = ZmqCurveKeys.checkZ85("public", lines[0].substring("public-key: ".length()), false);
		String secretKey = ZmqCurveKeys.checkZ85("secret", lines[1].substring("secret-key: ".length()), true);
		assertThat(ZmqCurveKeys.publicKeyOf(secretKey)).isEqualTo(publicKey);
	}

	@Test
	void writesCertificatesTheStarterReads(@TempDir Path directory) throws Exception {
		Path base = directory.resolve("certs/server.key");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ZmqKeyTool.run(new String[] { "--write", base.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
			.isZero();
		ZmqCurveKeys.Keys keys = ZmqCurveKeys.readCertificate("certificate", base, true);
		assertThat(ZmqCurveKeys.publicKeyOf(keys.secretKey())).isEqualTo(keys.publicKey());
		assertThat(ZmqCurveKeys.readCertificate("certificate", base, false).publicKey()).isEqualTo(keys.publicKey());
		assertThat(out.toString(StandardCharsets.UTF_8)).contains(keys.publicKey()).doesNotContain(keys.secretKey());
		assertThat(ZmqKeyTool.run(new String[] { "--write", base.toString() }, System.out,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
			.isEqualTo(1);
	}

}

package io.zmqspring.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.zeromq.ZCert;
import org.zeromq.ZMQ;

/**
 * Generates a CURVE key pair. Without arguments it prints the public and the secret key in Z85;
 * with {@code --write <base-path>} it writes the certificates {@code <base-path>} (public) and
 * {@code <base-path>_secret} (public and secret, readable by the owner only where the file
 * system allows) in the format of JeroMQ's {@code ZCert} and czmq, and prints the public key.
 *
 * @author zmq-spring-boot
 */
public final class ZmqKeyTool {

	private ZmqKeyTool() {
	}

	public static void main(String[] args) throws IOException {
		int status = run(args, System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		if (args.length == 0) {
			out.println("public-key: " + pair.publicKey);
			out.println("secret-key: " + pair.secretKey);
			return 0;
		}
		if (args.length == 2 && "--write".equals(args[0])) {
			Path base = Path.of(args[1]);
			Path secret = Path.of(args[1] + "_secret");
			if (Files.exists(base) || Files.exists(secret)) {
				err.println("Not overwriting the existing certificate " + base);
				return 1;
			}
			if (base.toAbsolutePath().getParent() != null) {
				Files.createDirectories(base.toAbsolutePath().getParent());
			}
			ZCert cert = new ZCert(pair.publicKey, pair.secretKey);
			cert.savePublic(base.toString());
			cert.saveSecret(secret.toString());
			try {
				Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system
			}
			out.println("public-key: " + pair.publicKey);
			out.println("wrote " + base + " and " + secret);
			return 0;
		}
		err.println("Usage: ZmqKeyTool [--write <base-path>]");
		return 2;
	}

}

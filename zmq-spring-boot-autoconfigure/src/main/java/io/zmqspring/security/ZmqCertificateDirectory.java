package io.zmqspring.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The public keys of the client certificates in a directory, read again whenever the directory
 * changes: a certificate added lets its client in, a removed one keeps new connections out. Only
 * used by the ZAP handler's thread; checking costs one {@code stat} per handshake, and the
 * directory is read again at least every {@link #RESCAN_NANOS} in case a file was edited in place.
 * Files whose name ends with {@code _secret} are ignored.
 *
 * @author zmq-spring-boot
 */
final class ZmqCertificateDirectory {

	private static final Log logger = LogFactory.getLog(ZmqCertificateDirectory.class);

	static final long RESCAN_NANOS = 2_000_000_000L;

	private final Path directory;

	private @Nullable FileTime modified;

	private long scannedAt;

	private Set<String> keys = Set.of();

	ZmqCertificateDirectory(Path directory) {
		this.directory = directory;
	}

	boolean contains(String publicKey) {
		refreshIfChanged();
		return this.keys.contains(publicKey);
	}

	Path directory() {
		return this.directory;
	}

	void refreshIfChanged() {
		FileTime now;
		try {
			now = Files.getLastModifiedTime(this.directory);
		}
		catch (IOException ex) {
			now = null;
		}
		boolean stale = System.nanoTime() - this.scannedAt >= RESCAN_NANOS;
		if (this.scannedAt != 0 && !stale && java.util.Objects.equals(now, this.modified)) {
			return;
		}
		this.modified = now;
		this.scannedAt = System.nanoTime();
		Set<String> read = new HashSet<>();
		if (now != null) {
			try (Stream<Path> files = Files.list(this.directory)) {
				files.filter((file) -> !file.getFileName().toString().endsWith("_secret"))
					.filter(Files::isRegularFile)
					.forEach((file) -> {
						String key = ZmqCurveKeys.readPublicKeyOrNull(file);
						if (key != null) {
							read.add(key);
						}
					});
			}
			catch (IOException ex) {
				logger.warn("Cannot read the CURVE certificate directory " + this.directory + ": " + ex);
			}
		}
		else {
			logger.warn("The CURVE certificate directory " + this.directory + " does not exist; no client is let in");
		}
		if (!read.equals(this.keys)) {
			logger.info("CURVE certificate directory " + this.directory + ": " + read.size() + " client key(s)");
		}
		this.keys = Set.copyOf(read);
	}

}

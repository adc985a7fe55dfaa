package io.zmqspring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqEndpoint;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.transfer.ZmqTransferSettings;

/**
 * Turns {@code zmq.sockets.<name>.transfer.*} into validated {@link ZmqTransferSettings}, failing
 * with the name of the property at fault.
 *
 * @author zmq-spring-boot
 */
final class ZmqTransferDefinitions {

	private ZmqTransferDefinitions() {
	}

	/**
	 * Return the settings of every socket with {@code transfer.enabled}.
	 * @param properties the properties
	 * @param sockets the socket definitions built from them
	 * @return the settings by socket name
	 * @throws ZmqConfigurationException naming the first property at fault
	 */
	static Map<String, ZmqTransferSettings> transfers(ZmqProperties properties, ZmqSocketRegistry sockets) {
		Map<String, ZmqTransferSettings> transfers = new LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> {
			ZmqTransferProperties transfer = socket.getTransfer();
			ZmqSocketDefinition definition = sockets.findDefinition(name);
			if (transfer.isEnabled() && definition != null) {
				transfers.put(name, settings("zmq.sockets." + name, transfer, definition));
			}
		});
		return transfers;
	}

	private static ZmqTransferSettings settings(String prefix, ZmqTransferProperties transfer,
			ZmqSocketDefinition definition) {
		String property = prefix + ".transfer.";
		ZmqSocketType type = definition.type();
		if (type != ZmqSocketType.DEALER && type != ZmqSocketType.ROUTER) {
			throw new ZmqConfigurationException(property + "enabled", true, "socket '" + definition.name() + "' is a "
					+ type + " socket; transfers are sent on a DEALER socket and received on a ROUTER socket");
		}
		long chunkSize = transfer.getChunkSize().toBytes();
		if (chunkSize <= 0 || chunkSize > Integer.MAX_VALUE - 64) {
			throw new ZmqConfigurationException(property + "chunk-size", transfer.getChunkSize(),
					"must be positive and below 2GB");
		}
		if (transfer.getCredit() < 1) {
			throw new ZmqConfigurationException(property + "credit", transfer.getCredit(), "must be at least 1");
		}
		Duration idleTimeout = transfer.getIdleTimeout();
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new ZmqConfigurationException(property + "idle-timeout", idleTimeout, "must be positive");
		}
		if (transfer.getMaxSize().toBytes() <= 0) {
			throw new ZmqConfigurationException(property + "max-size", transfer.getMaxSize(), "must be positive");
		}
		if (transfer.getMaxConcurrent() < 1) {
			throw new ZmqConfigurationException(property + "max-concurrent", transfer.getMaxConcurrent(),
					"must be at least 1");
		}
		if (type == ZmqSocketType.DEALER) {
			validateSender(prefix, definition);
		}
		else {
			validateChunkSize(prefix, definition, transfer);
		}
		return new ZmqTransferSettings((int) chunkSize, transfer.getCredit(), idleTimeout,
				spoolDirectory(property + "spool-directory", transfer.getSpoolDirectory(), type),
				transfer.getMaxSize().toBytes(), transfer.getMaxConcurrent());
	}

	/** A DEALER round-robins over its peers: every chunk of a transfer must reach one receiver. */
	private static void validateSender(String prefix, ZmqSocketDefinition definition) {
		if (definition.endpoints().size() != 1 || definition.endpoints().get(0).bind()) {
			throw new ZmqConfigurationException(prefix + ".endpoints", definition.endpoints(),
					"a DEALER socket with transfer.enabled sends every chunk of a transfer to the same receiver, so it "
							+ "needs exactly one endpoint, which connects ('>tcp://host:port')");
		}
	}

	/** A chunk above the receiver's max-message-size would drop the sender's connection. */
	private static void validateChunkSize(String prefix, ZmqSocketDefinition definition,
			ZmqTransferProperties transfer) {
		Long configured = definition.options().maxMessageSize();
		boolean binds = definition.endpoints().stream().anyMatch(ZmqEndpoint::bind);
		long max = (configured != null) ? configured : binds ? ZmqSocketFactory.DEFAULT_BOUND_MAX_MESSAGE_SIZE : -1;
		if (max >= 0 && transfer.getChunkSize().toBytes() > max) {
			throw new ZmqConfigurationException(prefix + ".transfer.chunk-size", transfer.getChunkSize(),
					"must not exceed the socket's max-message-size of " + max + " bytes, or chunks would drop their "
							+ "sender's connection; lower it or raise " + prefix + ".max-message-size");
		}
	}

	private static Path spoolDirectory(String property, @Nullable String configured, ZmqSocketType type) {
		String directory = (configured != null) ? configured : System.getProperty("java.io.tmpdir");
		Path path;
		try {
			path = Path.of(directory);
		}
		catch (InvalidPathException ex) {
			throw new ZmqConfigurationException(property, directory, "is not a valid path: " + ex.getReason());
		}
		if (type != ZmqSocketType.ROUTER) {
			return path;
		}
		try {
			Files.createDirectories(path);
		}
		catch (IOException ex) {
			throw new ZmqConfigurationException(property, directory, "cannot be created: " + ex);
		}
		if (!Files.isDirectory(path) || !Files.isWritable(path)) {
			throw new ZmqConfigurationException(property, directory, "must be a directory the application can write");
		}
		return path;
	}

}

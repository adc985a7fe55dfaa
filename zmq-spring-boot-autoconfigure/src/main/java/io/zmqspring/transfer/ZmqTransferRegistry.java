package io.zmqspring.transfer;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqException;

/**
 * The sockets that carry transfers ({@code zmq.sockets.<name>.transfer.enabled}) and their
 * settings: DEALER sockets the {@link ZmqTransferTemplate} sends on, ROUTER sockets a transfer
 * listener receives on.
 *
 * @author zmq-spring-boot
 */
public class ZmqTransferRegistry {

	private final Map<String, ZmqTransferSettings> settings;

	/**
	 * Create a registry.
	 * @param settings the settings of each socket that carries transfers, by socket name
	 */
	public ZmqTransferRegistry(Map<String, ZmqTransferSettings> settings) {
		Assert.notNull(settings, "'settings' must not be null");
		this.settings = Map.copyOf(settings);
	}

	/**
	 * Return the settings of a socket that carries transfers.
	 * @param socket the socket name
	 * @return the settings, or {@code null} if the socket does not carry transfers
	 */
	public @Nullable ZmqTransferSettings find(String socket) {
		return this.settings.get(socket);
	}

	/**
	 * Return the settings of a socket that must carry transfers.
	 * @param socket the socket name
	 * @return the settings
	 * @throws ZmqException if the socket does not carry transfers
	 */
	public ZmqTransferSettings get(String socket) {
		ZmqTransferSettings found = this.settings.get(socket);
		if (found == null) {
			throw new ZmqException("Socket '" + socket + "' does not carry transfers; configure it under zmq.sockets "
					+ "with transfer.enabled=true (a DEALER to send, a ROUTER to receive)");
		}
		return found;
	}

	/**
	 * Return every socket that carries transfers.
	 * @return the settings by socket name
	 */
	public Map<String, ZmqTransferSettings> getSettings() {
		return this.settings;
	}

}

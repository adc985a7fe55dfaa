package io.zmqspring.transfer;

import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Counts what transfers move and how they end. The Micrometer implementation
 * ({@link MicrometerZmqTransferMetrics}) is used when a {@code MeterRegistry} bean exists.
 *
 * @author zmq-spring-boot
 */
public interface ZmqTransferMetrics {

	/** Records nothing. */
	ZmqTransferMetrics NONE = new ZmqTransferMetrics() {
	};

	/** Which side of a transfer is counted. */
	enum Direction {

		/** The sender's side. */
		SENT,

		/** The receiver's side. */
		RECEIVED;

		/**
		 * Return the value of the {@code direction} tag.
		 * @return {@code sent} or {@code received}
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * A chunk went out (handed to the socket) or came in (written to the spool file).
	 * @param socket the socket name
	 * @param direction the side
	 * @param bytes the chunk's data bytes
	 */
	default void chunk(String socket, Direction direction, long bytes) {
	}

	/**
	 * A transfer ended well: its receiver confirmed the whole payload.
	 * @param socket the socket name
	 * @param direction the side
	 */
	default void completed(String socket, Direction direction) {
	}

	/**
	 * A transfer was refused or ended before its payload was complete.
	 * @param socket the socket name
	 * @param direction the side
	 * @param reason a short fixed reason, for example {@code idle-timeout}
	 */
	default void aborted(String socket, Direction direction, String reason) {
	}

	/**
	 * Measure how many transfers are in progress on a socket. Called once per socket and side.
	 * @param socket the socket name
	 * @param direction the side
	 * @param active reads the number of transfers in progress
	 */
	default void active(String socket, Direction direction, IntSupplier active) {
	}

}

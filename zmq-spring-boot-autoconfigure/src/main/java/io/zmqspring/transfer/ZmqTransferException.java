package io.zmqspring.transfer;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqException;

/**
 * A transfer failed: the receiver refused or ended it, it went unanswered for the idle timeout,
 * the source could not be read, or the socket could not take it. {@link #getReason()} says which,
 * in a short fixed form (as in the {@code zmq.transfer.aborted} meter's {@code reason} tag).
 *
 * @author zmq-spring-boot
 */
public class ZmqTransferException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String socket;

	private final String transferId;

	private final String reason;

	/**
	 * Create an exception.
	 * @param socket the socket of the transfer
	 * @param transferId the transfer's id, in hexadecimal
	 * @param reason a short fixed reason, for example {@code idle-timeout}
	 * @param message what happened
	 * @param cause the cause, or {@code null}
	 */
	public ZmqTransferException(String socket, String transferId, String reason, String message,
			@Nullable Throwable cause) {
		super("Transfer " + transferId + " on socket '" + socket + "' failed (" + reason + "): " + message, cause);
		this.socket = socket;
		this.transferId = transferId;
		this.reason = reason;
	}

	/**
	 * Return the socket of the transfer.
	 * @return the socket name
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * Return the transfer's id.
	 * @return the id, in hexadecimal
	 */
	public String getTransferId() {
		return this.transferId;
	}

	/**
	 * Return why the transfer failed.
	 * @return a short fixed reason, for example {@code idle-timeout}, {@code busy} or {@code too-large}
	 */
	public String getReason() {
		return this.reason;
	}

}

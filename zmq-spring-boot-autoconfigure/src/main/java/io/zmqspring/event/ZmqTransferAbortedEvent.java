package io.zmqspring.event;

import io.zmqspring.core.ZmqSocketType;

/**
 * Published when a transfer listener's socket aborted an incoming transfer: its sender went
 * silent for the idle timeout or gave it up, broke the protocol, sent more than allowed or a
 * payload whose checksum did not match, or the transfer was refused. The partial spool file is
 * deleted by then. Carries no metadata or contents of the payload.
 *
 * @author zmq-spring-boot
 */
public class ZmqTransferAbortedEvent extends ZmqListenerContainerEvent {

	private final String transferId;

	private final String reason;

	private final long bytesReceived;

	/**
	 * Create an event.
	 * @param source what aborted the transfer
	 * @param listenerId the listener's id
	 * @param socketName the socket's name
	 * @param socketType the socket's type as configured
	 * @param transferId the transfer's id, in hexadecimal
	 * @param reason a short fixed reason, as in the {@code zmq.transfer.aborted} meter
	 * @param bytesReceived how many bytes of the payload had arrived
	 */
	public ZmqTransferAbortedEvent(Object source, String listenerId, String socketName, ZmqSocketType socketType,
			String transferId, String reason, long bytesReceived) {
		super(source, listenerId, socketName, socketType);
		this.transferId = transferId;
		this.reason = reason;
		this.bytesReceived = bytesReceived;
	}

	/**
	 * Return the transfer's id.
	 * @return the id, in hexadecimal
	 */
	public String getTransferId() {
		return this.transferId;
	}

	/**
	 * Return why the transfer was aborted.
	 * @return for example {@code idle-timeout}, {@code sender-aborted} or {@code checksum}
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return how much of the payload had arrived.
	 * @return the bytes received
	 */
	public long getBytesReceived() {
		return this.bytesReceived;
	}

	@Override
	String details() {
		return super.details() + ", transfer=" + this.transferId + ", reason=" + this.reason + ", bytes="
				+ this.bytesReceived;
	}

}

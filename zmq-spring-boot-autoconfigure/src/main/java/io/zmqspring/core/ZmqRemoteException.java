package io.zmqspring.core;

/**
 * Thrown by request-reply operations when the server answered with an error reply (see
 * {@link ZmqErrorReply}): its handler failed, so it sent a short reason instead of a result.
 *
 * @author zmq-spring-boot
 */
public class ZmqRemoteException extends ZmqException {

	private static final long serialVersionUID = 1L;

	private final String remoteReason;

	public ZmqRemoteException(String socketName, String remoteReason) {
		super("Socket '" + socketName + "': the server could not handle the request: " + remoteReason);
		this.remoteReason = remoteReason;
	}

	/**
	 * Return the reason the server sent.
	 * @return the reason
	 */
	public String getRemoteReason() {
		return this.remoteReason;
	}

}

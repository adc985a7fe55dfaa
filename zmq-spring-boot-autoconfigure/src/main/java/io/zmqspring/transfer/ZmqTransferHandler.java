package io.zmqspring.transfer;

/**
 * Handles a payload a transfer listener received whole. Runs on the listener's handler threads,
 * never on the socket's owner thread; the spool file is deleted when it returns, unless it moved
 * the file away ({@link ZmqTransfer#moveTo}).
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqTransferHandler {

	/**
	 * Handle a payload.
	 * @param transfer the payload, spooled to a file
	 * @throws Exception if it cannot be handled; the listener's error handler gets the failure
	 */
	void handle(ZmqTransfer transfer) throws Exception;

}

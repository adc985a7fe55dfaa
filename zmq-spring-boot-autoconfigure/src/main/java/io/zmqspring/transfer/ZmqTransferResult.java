package io.zmqspring.transfer;

import java.time.Duration;

/**
 * A transfer the receiver confirmed: it has the whole payload, and its checksum matched.
 *
 * @param transferId the transfer's id, in hexadecimal
 * @param socket the socket it was sent on
 * @param bytes the payload's size
 * @param chunks how many chunks carried it
 * @param checksum the CRC32C of the payload
 * @param duration from the call to the receiver's confirmation
 * @author zmq-spring-boot
 */
public record ZmqTransferResult(String transferId, String socket, long bytes, long chunks, int checksum,
		Duration duration) {

	/**
	 * Return the throughput of the transfer.
	 * @return bytes per second, over its whole duration
	 */
	public double bytesPerSecond() {
		long nanos = Math.max(1, this.duration.toNanos());
		return this.bytes * 1e9 / nanos;
	}

}

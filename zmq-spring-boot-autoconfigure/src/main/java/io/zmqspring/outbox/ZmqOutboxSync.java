package io.zmqspring.outbox;

/**
 * When a write to an outbox or a listener's delivery log counts as done.
 *
 * @author zmq-spring-boot
 */
public enum ZmqOutboxSync {

	/**
	 * Each write is committed and forced to the disk ({@code fsync}) on its own before it counts
	 * as done. Survives the death of the process and a power failure; the slowest.
	 */
	ALWAYS,

	/**
	 * Group commit: writes that arrive while a commit and its {@code fsync} run share the next
	 * one, and each counts as done once that one returned. The same durability as
	 * {@link #ALWAYS}, with far fewer forced writes when many threads write at once.
	 */
	BATCH,

	/**
	 * Writes are committed to the operating system (group commit, no {@code fsync}). Not reliable
	 * against the death of the process: in the starter's {@code kill -9} test a restarted
	 * receiver did not find its last delivery-log records and handed a message to its handler a
	 * second time without the possible-duplicate flag. A power failure or a kernel crash may lose
	 * what the operating system had not written back yet, and since the store reuses free space at
	 * once, may leave a file the store cannot open (the outbox then fails to start, naming it).
	 * For throughput where a rare duplicate does not matter.
	 */
	OS;

	/**
	 * Whether a write must be forced to the disk before it counts as done.
	 * @return {@code true} for {@link #ALWAYS} and {@link #BATCH}
	 */
	public boolean forcesToDisk() {
		return this != OS;
	}

}

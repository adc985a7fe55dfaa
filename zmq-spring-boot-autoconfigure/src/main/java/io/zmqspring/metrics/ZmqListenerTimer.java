package io.zmqspring.metrics;

/**
 * Times how long a listener takes to process each message, conversion included.
 *
 * @author zmq-spring-boot
 */
public interface ZmqListenerTimer {

	/**
	 * Record a message the listener processed.
	 * @param nanos how long it took, in nanoseconds
	 */
	void success(long nanos);

	/**
	 * Record a message the listener failed to process.
	 * @param failure what it failed with
	 * @param nanos how long it took, in nanoseconds
	 */
	void error(Throwable failure, long nanos);

}

package io.zmqspring.metrics;

/**
 * Times the request-reply round trips of one socket, from the moment a request was handed to
 * the template until it completed.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqRequestTimer {

	/** Records nothing. */
	ZmqRequestTimer NONE = (outcome, nanos) -> {
	};

	/**
	 * Record a completed request.
	 * @param outcome how it completed
	 * @param nanos how long it took, in nanoseconds
	 */
	void record(Outcome outcome, long nanos);

	/** How a request completed. */
	enum Outcome {

		/** A reply arrived. */
		SUCCESS("success"),

		/** No reply arrived in time. */
		TIMEOUT("timeout"),

		/** The peer answered with an error reply. */
		REMOTE_ERROR("remote-error"),

		/** The request failed locally, for example because its socket closed or failed. */
		FAILED("failed");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the value of the {@code outcome} tag.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}

package io.zmqspring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a listener invocation: one per message handed to a listener, named
 * {@code zmq.listener} unless a convention says otherwise, from the moment the listener is called
 * (conversion included) until it returned or threw. What it threw is the observation's error. The
 * observation is current (in scope) while the listener runs, so what the listener sends or logs
 * carries its trace.
 *
 * @author zmq-spring-boot
 */
public enum ZmqListenerObservation implements ObservationDocumentation {

	/** A listener invocation. */
	LISTENER_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultZmqListenerObservationConvention.class;
		}

		@Override
		public String getPrefix() {
			return "zmq";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ListenerLowCardinalityTags.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return ListenerHighCardinalityTags.values();
		}

	};

	/** Low-cardinality keys of the listener observation: they become meter tags. */
	public enum ListenerLowCardinalityTags implements KeyName {

		/** The listener's id. */
		LISTENER_ID("zmq.listener.id"),

		/** The name of the socket the message arrived on. */
		SOCKET("zmq.socket"),

		/** The type of the socket, for example {@code PULL} or {@code REP}. */
		SOCKET_TYPE("zmq.socket.type"),

		/** {@code success}, or {@code error} when the listener threw. */
		OUTCOME("zmq.outcome"),

		/** Always {@code zeromq}. */
		MESSAGING_SYSTEM("messaging.system");

		private final String key;

		ListenerLowCardinalityTags(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/** High-cardinality keys of the listener observation: on spans only, never on meters. */
	public enum ListenerHighCardinalityTags implements KeyName {

		/** The topic of a SUB or XSUB message, when there is one. */
		TOPIC("zmq.topic");

		private final String key;

		ListenerHighCardinalityTags(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

		@Override
		public boolean isRequired() {
			return false;
		}

	}

}

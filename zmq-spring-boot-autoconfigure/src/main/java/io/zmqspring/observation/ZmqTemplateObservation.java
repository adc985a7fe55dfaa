package io.zmqspring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of {@link io.zmqspring.template.ZmqTemplate}: one per send and one per
 * request-reply round trip, named {@code zmq.template} unless a convention says otherwise. A send
 * is observed until the message is queued for its socket; a request until its reply arrived or it
 * failed (timed out, answered with an error reply, or lost with its socket). A failure is the
 * observation's error.
 *
 * @author zmq-spring-boot
 */
public enum ZmqTemplateObservation implements ObservationDocumentation {

	/** A template send or request-reply. */
	TEMPLATE_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultZmqTemplateObservationConvention.class;
		}

		@Override
		public String getPrefix() {
			return "zmq";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return TemplateLowCardinalityTags.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return TemplateHighCardinalityTags.values();
		}

	};

	/** Low-cardinality keys of the template observation: they become meter tags. */
	public enum TemplateLowCardinalityTags implements KeyName {

		/** The name of the socket. */
		SOCKET("zmq.socket"),

		/** The type of the socket, for example {@code PUSH} or {@code REQ}. */
		SOCKET_TYPE("zmq.socket.type"),

		/** {@code send} or {@code request}. */
		OPERATION("zmq.operation"),

		/**
		 * How it ended: {@code success} or {@code failed}, and for requests also {@code timeout}
		 * and {@code remote-error}.
		 */
		OUTCOME("zmq.outcome"),

		/** Always {@code zeromq}. */
		MESSAGING_SYSTEM("messaging.system");

		private final String key;

		TemplateLowCardinalityTags(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/** High-cardinality keys of the template observation: on spans only, never on meters. */
	public enum TemplateHighCardinalityTags implements KeyName {

		/** The topic of a PUB or XPUB message, when there is one. */
		TOPIC("zmq.topic");

		private final String key;

		TemplateHighCardinalityTags(String key) {
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

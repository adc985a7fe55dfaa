package io.zmqspring.test;

import java.util.UUID;

/**
 * The transports end-to-end tests run over. Everything in one application shares its ZContext,
 * so inproc works between the template, listeners and other components.
 */
public enum Transport {

	TCP {
		@Override
		public String endpoint() {
			return FreePorts.tcp();
		}
	},

	INPROC {
		@Override
		public String endpoint() {
			return "inproc://test-" + UUID.randomUUID();
		}
	};

	/**
	 * Return a fresh endpoint address on this transport.
	 * @return the address, without bind or connect prefix
	 */
	public abstract String endpoint();

}

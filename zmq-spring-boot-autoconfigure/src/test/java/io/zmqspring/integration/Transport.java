package io.zmqspring.integration;

import java.util.UUID;

import io.zmqspring.test.FreePorts;

/**
 * The transports the integration tests run over. The components and the template share the
 * application's ZContext, so inproc works between them.
 */
enum Transport {

	TCP {
		@Override
		String endpoint() {
			return FreePorts.tcp();
		}
	},

	INPROC {
		@Override
		String endpoint() {
			return "inproc://integration-" + UUID.randomUUID();
		}
	};

	/**
	 * Return a fresh endpoint address on this transport.
	 * @return the address, without bind or connect prefix
	 */
	abstract String endpoint();

}

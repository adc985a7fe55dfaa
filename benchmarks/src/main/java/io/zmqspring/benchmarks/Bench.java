package io.zmqspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shared constants of the scenarios.
 */
final class Bench {

	/** Message size of every scenario. */
	static final int SIZE = 64;

	/** High-water mark of every socket, raw and starter alike. */
	static final int HWM = 1000;

	static final byte[] PAYLOAD = new byte[SIZE];

	static final String TEXT;

	static {
		Arrays.fill(PAYLOAD, (byte) 'x');
		TEXT = new String(PAYLOAD, StandardCharsets.UTF_8);
	}

	/** A small record for the JSON variant (serialises to about 64 bytes). */
	record Order(long id, String symbol, int quantity, double price) {

		static final Order SAMPLE = new Order(1234567, "ZMQ-SPRING", 100, 42.5);

	}

	private Bench() {
	}

}

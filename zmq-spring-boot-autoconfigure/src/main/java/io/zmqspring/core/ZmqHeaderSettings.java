package io.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.springframework.util.Assert;

/**
 * Whether a socket sends and reads the {@link ZmqHeaderFrame header frame}, and which headers
 * it lets through. The allow-list applies both ways: only allowed headers are written, and only
 * allowed headers of a received frame reach the application, so a peer cannot inject others.
 * Names that Spring or the starter set themselves ({@code id}, {@code timestamp} and every
 * {@code zmq_} name) are never taken from the wire, whatever the list says.
 *
 * @param enabled whether the socket sends and reads the header frame
 * @param allowed header names let through; a name ending in {@code *} matches every name with
 * that prefix, a lone {@code *} matches every name
 * @author zmq-spring-boot
 */
public record ZmqHeaderSettings(boolean enabled, List<String> allowed) {

	/** The headers allowed unless configured otherwise: trace context and the content type. */
	public static final List<String> DEFAULT_ALLOWED = List.of("traceparent", "tracestate", "baggage", "b3",
			"contentType");

	/** No header frame, the default. */
	public static final ZmqHeaderSettings DISABLED = new ZmqHeaderSettings(false, DEFAULT_ALLOWED);

	public ZmqHeaderSettings {
		Assert.notNull(allowed, "'allowed' must not be null");
		allowed = List.copyOf(allowed);
	}

	/**
	 * Return whether a header may cross the wire on this socket.
	 * @param name the header name
	 * @return whether the header is allowed
	 */
	public boolean isAllowed(String name) {
		if (isReserved(name)) {
			return false;
		}
		for (String pattern : this.allowed) {
			if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
					: pattern.equals(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the headers of a map that may be sent, with their values as strings: {@code byte[]}
	 * as UTF-8, everything else through {@code toString()}; {@code null} values are left out.
	 * @param headers the headers, for example a Spring message's
	 * @return the allowed headers, empty when the socket has the header frame disabled
	 */
	public Map<String, String> outbound(Map<String, ?> headers) {
		if (!this.enabled || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, String> allowedHeaders = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (value != null && isAllowed(name)) {
				allowedHeaders.put(name, (value instanceof byte[] bytes)
						? new String(bytes, StandardCharsets.UTF_8) : value.toString());
			}
		});
		return allowedHeaders;
	}

	/**
	 * Return the allowed headers of a received header frame.
	 * @param frame the frame
	 * @param onDropped called with the number of headers the allow-list dropped, when any
	 * @return the allowed headers
	 * @throws ZmqHeaderFrameException if the frame is malformed
	 */
	public Map<String, String> inbound(byte[] frame, IntConsumer onDropped) {
		Map<String, String> headers = ZmqHeaderFrame.decode(frame);
		int before = headers.size();
		headers.keySet().removeIf((name) -> !isAllowed(name));
		if (headers.size() < before) {
			onDropped.accept(before - headers.size());
		}
		return headers;
	}

	/**
	 * Check the settings, naming the property at fault.
	 * @param propertyPrefix the prefix of the properties, for example {@code zmq.sockets.api.headers}
	 * @throws ZmqConfigurationException for an empty or over-long name, or a {@code *} that is not
	 * at the end
	 */
	public void validate(String propertyPrefix) {
		for (int i = 0; i < this.allowed.size(); i++) {
			String pattern = this.allowed.get(i);
			int star = pattern.indexOf('*');
			if (pattern.isEmpty() || (star >= 0 && star != pattern.length() - 1)
					|| pattern.getBytes(StandardCharsets.UTF_8).length > ZmqHeaderFrame.MAX_NAME_BYTES) {
				throw new ZmqConfigurationException(propertyPrefix + ".allowed[" + i + "]", pattern,
						"must be a header name of 1 to " + ZmqHeaderFrame.MAX_NAME_BYTES
								+ " bytes, optionally ending in '*' to match a prefix");
			}
		}
	}

	private static boolean isReserved(String name) {
		return name.equals("id") || name.equals("timestamp") || name.startsWith("zmq_");
	}

}

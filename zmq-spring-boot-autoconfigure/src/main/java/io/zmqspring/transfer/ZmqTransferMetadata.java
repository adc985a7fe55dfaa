package io.zmqspring.transfer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a sender tells about a payload besides its bytes: a name, a content type and headers of
 * its own. They travel in the transfer's OPEN message, in the header-frame format, and reach the
 * listener as {@link ZmqTransfer#getName()}, {@link ZmqTransfer#getContentType()} and
 * {@link ZmqTransfer#getHeaders()}. At most 62 headers of the sender's own, 16 KB in all.
 *
 * @param name the payload's name, for example a file name, or {@code null}
 * @param contentType the payload's content type, or {@code null}
 * @param headers headers of the sender's own
 * @author zmq-spring-boot
 */
public record ZmqTransferMetadata(@Nullable String name, @Nullable String contentType, Map<String, String> headers) {

	/** No name, content type or headers. */
	public static final ZmqTransferMetadata NONE = new ZmqTransferMetadata(null, null, Map.of());

	static final String NAME = "name";

	static final String CONTENT_TYPE = "contentType";

	public ZmqTransferMetadata {
		Assert.notNull(headers, "'headers' must not be null");
		headers = Map.copyOf(headers);
		Assert.isTrue(!headers.containsKey(NAME) && !headers.containsKey(CONTENT_TYPE),
				"Give the name and the content type as such, not as headers");
	}

	/**
	 * Return metadata with a name only.
	 * @param name the payload's name
	 * @return the metadata
	 */
	public static ZmqTransferMetadata named(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return new ZmqTransferMetadata(name, null, Map.of());
	}

	/**
	 * Return a copy with a content type.
	 * @param type the content type, for example {@code application/zip}
	 * @return the copy
	 */
	public ZmqTransferMetadata withContentType(String type) {
		Assert.hasText(type, "'type' must not be empty");
		return new ZmqTransferMetadata(this.name, type, this.headers);
	}

	/**
	 * Return a copy with one more header.
	 * @param header the header's name
	 * @param value its value
	 * @return the copy
	 */
	public ZmqTransferMetadata withHeader(String header, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(header, value);
		return new ZmqTransferMetadata(this.name, this.contentType, more);
	}

	/** All of it as the map the OPEN message carries. */
	Map<String, String> toMap() {
		Map<String, String> all = new LinkedHashMap<>();
		if (this.name != null) {
			all.put(NAME, this.name);
		}
		if (this.contentType != null) {
			all.put(CONTENT_TYPE, this.contentType);
		}
		all.putAll(this.headers);
		return all;
	}

	/** Metadata from the map an OPEN message carried. */
	static ZmqTransferMetadata fromMap(Map<String, String> received) {
		Map<String, String> headers = new LinkedHashMap<>(received);
		String name = headers.remove(NAME);
		String contentType = headers.remove(CONTENT_TYPE);
		return new ZmqTransferMetadata(name, contentType, headers);
	}

}

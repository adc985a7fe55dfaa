package io.zmqspring.converter;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;

import io.zmqspring.core.ZmqConfigurationException;

/**
 * The content type each socket converts objects with ({@code zmq.sockets.<name>.content-type},
 * falling back to {@code zmq.defaults.content-type}), and the content types the starter knows.
 * A socket without one converts objects as JSON.
 *
 * @author zmq-spring-boot
 */
public final class ZmqContentTypes {

	/** JSON, the default for objects. */
	public static final MimeType APPLICATION_JSON = new MimeType("application", "json");

	/** MessagePack, as most MessagePack libraries and services name it. */
	public static final MimeType APPLICATION_MSGPACK = new MimeType("application", "msgpack");

	/** MessagePack under its registered name. */
	public static final MimeType APPLICATION_VND_MSGPACK = new MimeType("application", "vnd.msgpack");

	/** MessagePack under its older, unregistered name. */
	public static final MimeType APPLICATION_X_MSGPACK = new MimeType("application", "x-msgpack");

	static final List<MimeType> JSON_TYPES = List.of(APPLICATION_JSON);

	static final List<MimeType> MSGPACK_TYPES = List.of(APPLICATION_MSGPACK, APPLICATION_VND_MSGPACK,
			APPLICATION_X_MSGPACK);

	/** No socket has a content type: objects are JSON everywhere. */
	public static final ZmqContentTypes NONE = new ZmqContentTypes(null, Map.of());

	private final @Nullable MimeType defaultContentType;

	private final Map<String, MimeType> bySocket;

	/**
	 * Create the content types of the sockets.
	 * @param defaultContentType the content type of sockets that name none, {@code null} for JSON
	 * @param bySocket the content types of sockets by name
	 */
	public ZmqContentTypes(@Nullable MimeType defaultContentType, Map<String, MimeType> bySocket) {
		Assert.notNull(bySocket, "'bySocket' must not be null");
		this.defaultContentType = defaultContentType;
		this.bySocket = Map.copyOf(bySocket);
	}

	/**
	 * Return the content type a socket converts objects with.
	 * @param socket the socket name
	 * @return the content type, or {@code null} for the default (JSON)
	 */
	public @Nullable MimeType forSocket(String socket) {
		if (this.bySocket.isEmpty()) {
			return this.defaultContentType;
		}
		MimeType own = this.bySocket.get(socket);
		return (own != null) ? own : this.defaultContentType;
	}

	/**
	 * Parse a configured content type and check that a converter of the chain handles it.
	 * @param property the property or attribute, for the error
	 * @param value the value, for example {@code application/msgpack}
	 * @param converter the converter chain
	 * @return the content type
	 * @throws ZmqConfigurationException naming the property if the value is malformed or no
	 * converter handles it
	 */
	public static MimeType parse(String property, String value, CompositeZmqMessageConverter converter) {
		MimeType contentType;
		try {
			contentType = MimeType.valueOf(value.trim());
		}
		catch (InvalidMimeTypeException ex) {
			throw new ZmqConfigurationException(property, value, "is not a content type: " + ex.getMessage());
		}
		if (!converter.supports(contentType)) {
			throw new ZmqConfigurationException(property, value,
					"no message converter handles this content type; known: " + converter.getContentTypes()
							+ " (MessagePack needs org.msgpack:msgpack-core and Jackson on the class path)");
		}
		return contentType;
	}

	/**
	 * Read the content type a message header names, as the header frame carries it (a string)
	 * or as Spring sets it (a {@link MimeType}).
	 * @param header the header value, or {@code null}
	 * @return the content type, or {@code null} if there is none
	 * @throws ZmqConversionException if the header is not a content type
	 */
	public static @Nullable MimeType fromHeader(@Nullable Object header) {
		if (header == null || header instanceof MimeType) {
			return (MimeType) header;
		}
		try {
			return MimeType.valueOf(header.toString());
		}
		catch (InvalidMimeTypeException ex) {
			throw new ZmqConversionException("The contentType header is not a content type", ex);
		}
	}

}

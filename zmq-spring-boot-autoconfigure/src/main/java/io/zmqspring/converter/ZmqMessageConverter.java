package io.zmqspring.converter;

import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.MimeType;

/**
 * Converts between application objects and the bytes of a ZeroMQ frame.
 * <p>
 * Declare a bean of this type to add a conversion; it is consulted before the defaults
 * ({@code byte[]} as is, {@code String} as UTF-8, everything else as JSON when Jackson is on the
 * class path). Declare a {@link CompositeZmqMessageConverter} bean to replace the whole chain.
 * <p>
 * A converter for a format with a content type (JSON, MessagePack) names it in
 * {@link #getContentTypes()}; the chain then uses it only where that content type, or none, is
 * asked for.
 *
 * @author zmq-spring-boot
 */
public interface ZmqMessageConverter {

	/**
	 * Whether this converter can write the given payload.
	 * @param payload the object to write
	 * @return {@code true} if {@link #toBytes(Object)} can handle it
	 */
	boolean canWrite(Object payload);

	/**
	 * Whether this converter can read frames into the given type.
	 * @param targetType the type wanted, possibly generic
	 * @return {@code true} if {@link #fromBytes(byte[], Type)} can produce it
	 */
	boolean canRead(Type targetType);

	/**
	 * Write a payload as frame bytes.
	 * @param payload the object
	 * @return the bytes
	 * @throws ZmqConversionException if the payload cannot be written
	 */
	byte[] toBytes(Object payload);

	/**
	 * Read frame bytes as the given type.
	 * @param bytes the frame
	 * @param targetType the type wanted
	 * @return the object, {@code null} only where the format allows it (JSON {@code null})
	 * @throws ZmqConversionException if the bytes cannot be read as that type
	 */
	@Nullable Object fromBytes(byte[] bytes, Type targetType);

	/**
	 * Return the content types of the format this converter writes and reads, the one it
	 * announces first, for example {@code application/json}. Empty (the default) for a converter
	 * tied to no content type, such as raw bytes or text: the chain uses it whatever content type
	 * is asked for.
	 * @return the content types
	 */
	default List<MimeType> getContentTypes() {
		return List.of();
	}

}

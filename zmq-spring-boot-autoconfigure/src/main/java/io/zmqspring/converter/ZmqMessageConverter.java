package io.zmqspring.converter;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Converts between application objects and the bytes of a ZeroMQ frame.
 * <p>
 * Declare a bean of this type to add a conversion; it is consulted before the defaults
 * ({@code byte[]} as is, {@code String} as UTF-8, everything else as JSON when Jackson is on the
 * class path). Declare a {@link CompositeZmqMessageConverter} bean to replace the whole chain.
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

}

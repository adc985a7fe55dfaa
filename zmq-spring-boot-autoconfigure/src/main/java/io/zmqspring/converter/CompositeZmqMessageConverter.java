package io.zmqspring.converter;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * Tries a list of converters in order and uses the first that can handle the payload or type.
 * <p>
 * A content type narrows the choice: asked for {@code application/msgpack}, the chain skips the
 * converters of other content types (the JSON converter) and keeps those tied to none (raw bytes,
 * text, most application converters). Asked for none, it takes the first that can, as always: so
 * JSON, the last resort of the default chain, stays the default for objects.
 *
 * @author zmq-spring-boot
 */
public class CompositeZmqMessageConverter implements ZmqMessageConverter {

	private final ZmqMessageConverter[] converters;

	public CompositeZmqMessageConverter(List<? extends ZmqMessageConverter> converters) {
		Assert.notEmpty(converters, "'converters' must not be empty");
		this.converters = converters.toArray(new ZmqMessageConverter[0]);
	}

	/**
	 * Return the given converter as a chain: itself when it is one, else a chain of that one.
	 * @param converter the converter
	 * @return the chain
	 */
	public static CompositeZmqMessageConverter of(ZmqMessageConverter converter) {
		Assert.notNull(converter, "'converter' must not be null");
		return (converter instanceof CompositeZmqMessageConverter composite) ? composite
				: new CompositeZmqMessageConverter(List.of(converter));
	}

	/**
	 * Return the converters, in the order they are tried.
	 * @return the converters
	 */
	public List<ZmqMessageConverter> getConverters() {
		return List.of(this.converters);
	}

	/**
	 * Return the content types of all converters, those of the first converter first.
	 * @return the content types
	 */
	@Override
	public List<MimeType> getContentTypes() {
		Set<MimeType> types = new LinkedHashSet<>();
		for (ZmqMessageConverter converter : this.converters) {
			types.addAll(converter.getContentTypes());
		}
		return new ArrayList<>(types);
	}

	/**
	 * Whether a converter of the chain declares the given content type.
	 * @param contentType the content type
	 * @return whether it can be asked for
	 */
	public boolean supports(MimeType contentType) {
		for (ZmqMessageConverter converter : this.converters) {
			if (declares(converter, contentType)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean canWrite(Object payload) {
		return findWriter(payload, null) != null;
	}

	@Override
	public boolean canRead(Type targetType) {
		return readerFor(targetType) != null;
	}

	@Override
	public byte[] toBytes(Object payload) {
		return writerFor(payload, null).toBytes(payload);
	}

	@Override
	public @Nullable Object fromBytes(byte[] bytes, Type targetType) {
		return fromBytes(bytes, targetType, null);
	}

	/**
	 * Read frame bytes of a given content type.
	 * @param bytes the frame
	 * @param targetType the type wanted
	 * @param contentType the content type of the bytes, or {@code null} for the default
	 * @return the object
	 * @throws ZmqConversionException if no converter reads that type and content type, or it
	 * fails
	 */
	public @Nullable Object fromBytes(byte[] bytes, Type targetType, @Nullable MimeType contentType) {
		ZmqMessageConverter converter = readerFor(targetType, contentType);
		if (converter == null) {
			throw new ZmqConversionException("No ZmqMessageConverter can read " + targetType.getTypeName()
					+ ((contentType != null) ? " from " + contentType : "")
					+ "; add Jackson (and for MessagePack msgpack-core) to the class path or declare a "
					+ "ZmqMessageConverter bean", null);
		}
		return converter.fromBytes(bytes, targetType);
	}

	/**
	 * Return the converter that writes a payload: the first that can, among those of the content
	 * type and those tied to none.
	 * @param payload the payload
	 * @param contentType the content type wanted, or {@code null} for the default
	 * @return the converter; its first content type, if any, is the one it writes
	 * @throws ZmqConversionException if none can
	 */
	public ZmqMessageConverter writerFor(Object payload, @Nullable MimeType contentType) {
		Assert.notNull(payload, "'payload' must not be null");
		ZmqMessageConverter converter = findWriter(payload, contentType);
		if (converter == null) {
			throw new ZmqConversionException("No ZmqMessageConverter can write " + payload.getClass().getName()
					+ ((contentType != null) ? " as " + contentType : "")
					+ "; add Jackson (and for MessagePack msgpack-core) to the class path or declare a "
					+ "ZmqMessageConverter bean", null);
		}
		return converter;
	}

	private @Nullable ZmqMessageConverter findWriter(Object payload, @Nullable MimeType contentType) {
		for (ZmqMessageConverter converter : this.converters) {
			if (serves(converter, contentType) && converter.canWrite(payload)) {
				return converter;
			}
		}
		return null;
	}

	/**
	 * Return the converter that reads the given type, the first whose {@code canRead} is true.
	 * @param targetType the type
	 * @return the converter, or {@code null}
	 */
	public @Nullable ZmqMessageConverter readerFor(Type targetType) {
		return readerFor(targetType, null);
	}

	/**
	 * Return the converter that reads the given type from the given content type: the first
	 * that can, among those of the content type and those tied to none.
	 * @param targetType the type
	 * @param contentType the content type, or {@code null} for the default
	 * @return the converter, or {@code null}
	 */
	public @Nullable ZmqMessageConverter readerFor(Type targetType, @Nullable MimeType contentType) {
		for (ZmqMessageConverter converter : this.converters) {
			if (serves(converter, contentType) && converter.canRead(targetType)) {
				return converter;
			}
		}
		return null;
	}

	private static boolean serves(ZmqMessageConverter converter, @Nullable MimeType contentType) {
		return contentType == null || converter.getContentTypes().isEmpty() || declares(converter, contentType);
	}

	private static boolean declares(ZmqMessageConverter converter, MimeType contentType) {
		for (MimeType declared : converter.getContentTypes()) {
			if (declared.equalsTypeAndSubtype(contentType)) {
				return true;
			}
		}
		return false;
	}

}

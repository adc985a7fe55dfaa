package io.zmqspring.converter;

import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Tries a list of converters in order and uses the first that can handle the payload or type.
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
	 * Return the converters, in the order they are tried.
	 * @return the converters
	 */
	public List<ZmqMessageConverter> getConverters() {
		return List.of(this.converters);
	}

	@Override
	public boolean canWrite(Object payload) {
		return writerFor(payload) != null;
	}

	@Override
	public boolean canRead(Type targetType) {
		return readerFor(targetType) != null;
	}

	@Override
	public byte[] toBytes(Object payload) {
		Assert.notNull(payload, "'payload' must not be null");
		ZmqMessageConverter converter = writerFor(payload);
		if (converter == null) {
			throw new ZmqConversionException("No ZmqMessageConverter can write " + payload.getClass().getName()
					+ "; add Jackson to the class path or declare a ZmqMessageConverter bean", null);
		}
		return converter.toBytes(payload);
	}

	@Override
	public @Nullable Object fromBytes(byte[] bytes, Type targetType) {
		ZmqMessageConverter converter = readerFor(targetType);
		if (converter == null) {
			throw new ZmqConversionException("No ZmqMessageConverter can read " + targetType.getTypeName()
					+ "; add Jackson to the class path or declare a ZmqMessageConverter bean", null);
		}
		return converter.fromBytes(bytes, targetType);
	}

	private @Nullable ZmqMessageConverter writerFor(Object payload) {
		for (ZmqMessageConverter converter : this.converters) {
			if (converter.canWrite(payload)) {
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
		for (ZmqMessageConverter converter : this.converters) {
			if (converter.canRead(targetType)) {
				return converter;
			}
		}
		return null;
	}

}

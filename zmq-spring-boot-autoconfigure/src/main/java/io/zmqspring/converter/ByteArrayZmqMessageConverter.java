package io.zmqspring.converter;

import java.lang.reflect.Type;

/**
 * Passes {@code byte[]} payloads through unchanged.
 *
 * @author zmq-spring-boot
 */
public class ByteArrayZmqMessageConverter implements ZmqMessageConverter {

	@Override
	public boolean canWrite(Object payload) {
		return payload instanceof byte[];
	}

	@Override
	public boolean canRead(Type targetType) {
		return targetType == byte[].class || targetType == Object.class;
	}

	@Override
	public byte[] toBytes(Object payload) {
		return (byte[]) payload;
	}

	@Override
	public Object fromBytes(byte[] bytes, Type targetType) {
		return bytes;
	}

}

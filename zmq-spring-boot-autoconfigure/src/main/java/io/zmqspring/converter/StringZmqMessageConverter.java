package io.zmqspring.converter;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes and reads {@code String} payloads (and any {@link CharSequence}) as UTF-8.
 *
 * @author zmq-spring-boot
 */
public class StringZmqMessageConverter implements ZmqMessageConverter {

	@Override
	public boolean canWrite(Object payload) {
		return payload instanceof CharSequence;
	}

	@Override
	public boolean canRead(Type targetType) {
		return targetType == String.class || targetType == CharSequence.class;
	}

	@Override
	public byte[] toBytes(Object payload) {
		return payload.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Object fromBytes(byte[] bytes, Type targetType) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}

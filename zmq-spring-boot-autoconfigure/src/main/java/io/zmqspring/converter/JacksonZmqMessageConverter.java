package io.zmqspring.converter;

import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * Writes and reads any object as JSON through a Jackson 3 {@link JsonMapper}. Used as the last
 * resort of the default chain, so it accepts every type.
 *
 * @author zmq-spring-boot
 */
public class JacksonZmqMessageConverter implements ZmqMessageConverter {

	private final JsonMapper jsonMapper;

	public JacksonZmqMessageConverter(JsonMapper jsonMapper) {
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.jsonMapper = jsonMapper;
	}

	@Override
	public List<MimeType> getContentTypes() {
		return ZmqContentTypes.JSON_TYPES;
	}

	@Override
	public boolean canWrite(Object payload) {
		return true;
	}

	@Override
	public boolean canRead(Type targetType) {
		return true;
	}

	@Override
	public byte[] toBytes(Object payload) {
		try {
			return this.jsonMapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new ZmqConversionException("Could not write " + payload.getClass().getName() + " as JSON", ex);
		}
	}

	@Override
	public @Nullable Object fromBytes(byte[] bytes, Type targetType) {
		JavaType javaType = this.jsonMapper.getTypeFactory().constructType(targetType);
		try {
			return this.jsonMapper.readValue(bytes, javaType);
		}
		catch (JacksonException ex) {
			throw new ZmqConversionException("Could not read " + bytes.length + " bytes of JSON as " + javaType, ex);
		}
	}

}

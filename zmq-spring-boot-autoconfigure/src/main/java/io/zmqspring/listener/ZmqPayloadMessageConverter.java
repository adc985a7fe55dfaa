package io.zmqspring.listener;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.Assert;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqConversionException;
import io.zmqspring.converter.ZmqMessageConverter;

/**
 * Adapts a {@link ZmqMessageConverter} to Spring Messaging, so that {@code @Payload} and
 * {@code Message<T>} parameters are converted from frame bytes with the generic type of the
 * parameter, by the content type the message's {@code contentType} header names (the sender's,
 * else the listener's), JSON when there is none.
 *
 * @author zmq-spring-boot
 */
public class ZmqPayloadMessageConverter implements SmartMessageConverter {

	private final CompositeZmqMessageConverter converter;

	public ZmqPayloadMessageConverter(ZmqMessageConverter converter) {
		Assert.notNull(converter, "'converter' must not be null");
		this.converter = CompositeZmqMessageConverter.of(converter);
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
		Object payload = message.getPayload();
		if (!(payload instanceof byte[] bytes)) {
			return targetClass.isInstance(payload) ? payload : null;
		}
		Type targetType = targetType(targetClass, conversionHint);
		try {
			return this.converter.fromBytes(bytes, targetType,
					ZmqContentTypes.fromHeader(message.getHeaders().get(MessageHeaders.CONTENT_TYPE)));
		}
		catch (ZmqConversionException ex) {
			throw new MessageConversionException(message, ex.getMessage(), ex);
		}
	}

	private static Type targetType(Class<?> targetClass, @Nullable Object conversionHint) {
		if (conversionHint instanceof MethodParameter parameter) {
			MethodParameter nested = parameter.nestedIfOptional();
			if (Message.class.isAssignableFrom(nested.getParameterType())) {
				nested = nested.nested();
			}
			Type type = nested.getNestedGenericParameterType();
			if (type instanceof Class<?> || type instanceof java.lang.reflect.ParameterizedType) {
				return type;
			}
		}
		return targetClass;
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
		return toMessage(payload, headers, null);
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		byte[] bytes = this.converter
			.writerFor(payload,
					(headers != null) ? ZmqContentTypes.fromHeader(headers.get(MessageHeaders.CONTENT_TYPE)) : null)
			.toBytes(payload);
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(bytes);
		if (headers != null) {
			builder.copyHeaders(headers);
		}
		return builder.build();
	}

}

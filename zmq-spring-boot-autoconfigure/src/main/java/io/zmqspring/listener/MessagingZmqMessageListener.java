package io.zmqspring.listener;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.StringZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqMessageConverter;

/**
 * Adapts a handler method to {@link ZmqMessageListener}: the message goes through Spring
 * Messaging's {@link InvocableHandlerMethod}, so {@code @Payload}, {@code @Header},
 * {@code Message<?>} and validation work as in other Spring messaging listeners. The return value
 * becomes the reply (or the message forwarded with {@code @SendTo}) through the message converter;
 * a {@code Message<?>} return value gives its payload, and a {@code CompletableFuture} or Reactor
 * {@code Mono} gives its value once it completes ({@link #invoke} and {@link #toPayload}, which the
 * container uses).
 * <p>
 * Objects are read by the content type the sender announced in the header frame's
 * {@code contentType} header, else by the listener's content type (JSON when it has none);
 * the reply is written in the content type of the request.
 * <p>
 * A method whose only parameter is an unannotated {@code byte[]}, or a {@code String} that the
 * converter reads as UTF-8, gets its payload handed in directly, without building a Spring
 * {@link Message} and its headers for every message. The result is the same as the resolvers
 * would produce.
 *
 * @author zmq-spring-boot
 */
public class MessagingZmqMessageListener implements ZmqMessageListener {

	private static final Message<byte[]> NO_MESSAGE = new GenericMessage<>(new byte[0]);

	private enum PayloadShortcut {

		NONE, BYTES, STRING

	}

	private final InvocableHandlerMethod handlerMethod;

	private final CompositeZmqMessageConverter converter;

	private final @Nullable MimeType contentType;

	private final PayloadShortcut shortcut;

	public MessagingZmqMessageListener(InvocableHandlerMethod handlerMethod, ZmqMessageConverter converter) {
		this(handlerMethod, converter, null);
	}

	/**
	 * Create a listener that reads objects with a content type unless a message names its own.
	 * @param handlerMethod the handler method
	 * @param converter the converter chain
	 * @param contentType the listener's content type, {@code null} for the default (JSON)
	 */
	public MessagingZmqMessageListener(InvocableHandlerMethod handlerMethod, ZmqMessageConverter converter,
			@Nullable MimeType contentType) {
		Assert.notNull(handlerMethod, "'handlerMethod' must not be null");
		Assert.notNull(converter, "'converter' must not be null");
		this.handlerMethod = handlerMethod;
		this.converter = CompositeZmqMessageConverter.of(converter);
		this.contentType = contentType;
		this.shortcut = shortcut(handlerMethod, this.converter);
	}

	private static PayloadShortcut shortcut(InvocableHandlerMethod handlerMethod, ZmqMessageConverter converter) {
		MethodParameter[] parameters = handlerMethod.getMethodParameters();
		if (parameters.length != 1 || parameters[0].getParameterAnnotations().length != 0) {
			return PayloadShortcut.NONE;
		}
		Class<?> type = parameters[0].getParameterType();
		if (type == byte[].class) {
			return PayloadShortcut.BYTES;
		}
		if (type == String.class && converter instanceof CompositeZmqMessageConverter composite
				&& composite.readerFor(String.class) instanceof StringZmqMessageConverter) {
			return PayloadShortcut.STRING;
		}
		return PayloadShortcut.NONE;
	}

	@Override
	public byte @Nullable [] onMessage(ZmqInboundMessage message) throws Exception {
		Object result = invoke(message);
		Assert.state(!AsyncResults.isAsync(result), () -> "The handler returned " + result.getClass().getName()
				+ ", which a ZmqListenerContainer sends once it completes; onMessage cannot wait for it");
		return toPayload(result, message);
	}

	/**
	 * Run the handler method and return its result as it is: {@code null}, a value to convert, a
	 * {@link Message} whose payload is that value, or a {@code CompletableFuture} or
	 * {@code Mono} of one. The container sends it once it is complete.
	 * @param message the message
	 * @return the result
	 * @throws ZmqListenerException of the kind {@code CONVERSION} if the message could not be
	 * converted to the method's parameters
	 * @throws Exception whatever the method throws
	 */
	public @Nullable Object invoke(ZmqInboundMessage message) throws Exception {
		try {
			return switch (this.shortcut) {
				case BYTES -> this.handlerMethod.invoke(NO_MESSAGE, message.getPayload());
				case STRING -> this.handlerMethod.invoke(NO_MESSAGE,
						new String(message.getPayload(), StandardCharsets.UTF_8));
				case NONE -> this.handlerMethod.invoke(message.toMessage(this.contentType));
			};
		}
		catch (MessageConversionException | MethodArgumentResolutionException ex) {
			throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
					ZmqListenerException.Kind.CONVERSION, ex);
		}
	}

	/**
	 * Convert a complete result to the frame to send: {@code byte[]} as it is, a
	 * {@link Message}'s payload, anything else through the message converter, in the content type
	 * the request announced, else the listener's.
	 * @param value the result
	 * @param request the message the result answers
	 * @return the frame, or {@code null} for a {@code null} result
	 */
	public byte @Nullable [] toPayload(@Nullable Object value, ZmqInboundMessage request) {
		Object payload = (value instanceof Message<?> wrapped) ? wrapped.getPayload() : value;
		if (payload == null) {
			return null;
		}
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		return this.converter.writerFor(payload, replyContentType(request)).toBytes(payload);
	}

	/** The content type the request announced, else the listener's. */
	private @Nullable MimeType replyContentType(ZmqInboundMessage message) {
		MimeType announced = ZmqContentTypes.fromHeader(message.getHeaders().get(MessageHeaders.CONTENT_TYPE));
		return (announced != null) ? announced : this.contentType;
	}

}

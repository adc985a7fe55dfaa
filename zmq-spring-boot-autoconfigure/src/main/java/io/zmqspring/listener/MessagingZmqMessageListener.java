package io.zmqspring.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;

/**
 * Adapts a handler method to {@link ZmqMessageListener}: the message goes through Spring
 * Messaging's {@link InvocableHandlerMethod}, so {@code @Payload}, {@code @Header},
 * {@code Message<?>} and validation work as in other Spring messaging listeners. The return value
 * becomes the reply through the message converter.
 *
 * @author zmq-spring-boot
 */
public class MessagingZmqMessageListener implements ZmqMessageListener {

	private final InvocableHandlerMethod handlerMethod;

	private final ZmqMessageConverter converter;

	public MessagingZmqMessageListener(InvocableHandlerMethod handlerMethod, ZmqMessageConverter converter) {
		Assert.notNull(handlerMethod, "'handlerMethod' must not be null");
		Assert.notNull(converter, "'converter' must not be null");
		this.handlerMethod = handlerMethod;
		this.converter = converter;
	}

	@Override
	public byte @Nullable [] onMessage(ZmqInboundMessage message) throws Exception {
		Object result;
		try {
			result = this.handlerMethod.invoke(message.toMessage());
		}
		catch (MessageConversionException | MethodArgumentResolutionException ex) {
			throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
					ZmqListenerException.Kind.CONVERSION, ex);
		}
		if (result == null) {
			return null;
		}
		if (result instanceof byte[] bytes) {
			return bytes;
		}
		return this.converter.toBytes(result);
	}

}

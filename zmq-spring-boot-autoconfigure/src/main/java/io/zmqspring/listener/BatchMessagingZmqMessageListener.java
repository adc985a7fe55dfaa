package io.zmqspring.listener;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqConversionException;
import io.zmqspring.converter.ZmqMessageConverter;

/**
 * Adapts a handler method with one {@code List<T>} or {@code List<Message<T>>} parameter to
 * {@link ZmqBatchMessageListener}: each payload of the batch is converted to {@code T} as a
 * single listener's would be, by the content type its sender announced, else the listener's.
 * A payload that cannot be converted fails the whole batch (kind {@code conversion}).
 *
 * @author zmq-spring-boot
 */
public class BatchMessagingZmqMessageListener implements ZmqBatchMessageListener {

	private static final Message<byte[]> NO_MESSAGE = new GenericMessage<>(new byte[0]);

	private final InvocableHandlerMethod handlerMethod;

	private final CompositeZmqMessageConverter converter;

	private final @Nullable MimeType contentType;

	private final boolean messages;

	private final Type payloadType;

	/**
	 * Create a batch listener.
	 * @param handlerMethod the handler method, with one {@code List} parameter
	 * @param converter the converter chain
	 * @param contentType the listener's content type, {@code null} for the default (JSON)
	 */
	public BatchMessagingZmqMessageListener(InvocableHandlerMethod handlerMethod, ZmqMessageConverter converter,
			@Nullable MimeType contentType) {
		Assert.notNull(handlerMethod, "'handlerMethod' must not be null");
		Assert.notNull(converter, "'converter' must not be null");
		MethodParameter[] parameters = handlerMethod.getMethodParameters();
		Assert.isTrue(parameters.length == 1 && List.class == parameters[0].getParameterType(),
				"A batch listener method takes one List<T> or List<Message<T>> parameter");
		this.handlerMethod = handlerMethod;
		this.converter = CompositeZmqMessageConverter.of(converter);
		this.contentType = contentType;
		ResolvableType element = ResolvableType.forMethodParameter(parameters[0]).getGeneric(0);
		this.messages = Message.class.isAssignableFrom(element.toClass());
		ResolvableType payload = this.messages ? element.getGeneric(0) : element;
		this.payloadType = (payload == ResolvableType.NONE) ? Object.class : payload.getType();
	}

	@Override
	public void onBatch(List<ZmqInboundMessage> batch) throws Exception {
		List<Object> arguments = new ArrayList<>(batch.size());
		for (ZmqInboundMessage message : batch) {
			arguments.add(argument(message));
		}
		this.handlerMethod.invoke(NO_MESSAGE, arguments);
	}

	private @Nullable Object argument(ZmqInboundMessage message) {
		MimeType announced;
		Object payload;
		try {
			announced = ZmqContentTypes.fromHeader(message.getHeaders().get(MessageHeaders.CONTENT_TYPE));
			payload = this.converter.fromBytes(message.getPayload(), this.payloadType,
					(announced != null) ? announced : this.contentType);
		}
		catch (ZmqConversionException ex) {
			throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
					ZmqListenerException.Kind.CONVERSION, ex);
		}
		if (!this.messages) {
			return payload;
		}
		Message<byte[]> received = message.toMessage(this.contentType);
		return (payload != null) ? MessageBuilder.createMessage(payload, received.getHeaders()) : received;
	}

}

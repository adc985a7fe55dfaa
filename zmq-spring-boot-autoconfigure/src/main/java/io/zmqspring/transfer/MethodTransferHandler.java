package io.zmqspring.transfer;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.listener.ZmqHeaders;

/**
 * Hands a received payload to a {@code @ZmqListener} method, through Spring Messaging's
 * {@link InvocableHandlerMethod}: the payload as the type of the method's payload parameter, the
 * transfer's metadata as headers.
 *
 * @author zmq-spring-boot
 */
final class MethodTransferHandler implements ZmqTransferHandler {

	/** The types a payload can be taken as. */
	private enum PayloadType {

		TRANSFER(ZmqTransfer.class), PATH(java.nio.file.Path.class), FILE(File.class), RESOURCE(Resource.class),
		INPUT_STREAM(InputStream.class);

		private final Class<?> type;

		PayloadType(Class<?> type) {
			this.type = type;
		}

		static @Nullable PayloadType of(Type parameterType) {
			Class<?> resolved = ResolvableType.forType(parameterType).resolve();
			for (PayloadType candidate : values()) {
				if (candidate.type == resolved) {
					return candidate;
				}
			}
			return null;
		}

	}

	private final InvocableHandlerMethod method;

	private final PayloadType payloadType;

	MethodTransferHandler(InvocableHandlerMethod method, String description) {
		this.method = method;
		this.payloadType = payloadType(method, description);
	}

	private static PayloadType payloadType(InvocableHandlerMethod method, String description) {
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(Header.class) || parameter.hasParameterAnnotation(Headers.class)) {
				continue;
			}
			Type type = parameter.getGenericParameterType();
			if (Message.class.isAssignableFrom(parameter.getParameterType())) {
				type = ResolvableType.forMethodParameter(parameter).getGeneric(0).getType();
			}
			PayloadType found = PayloadType.of(type);
			if (found != null) {
				return found;
			}
		}
		throw new ZmqConfigurationException(description, null, "the listener's socket carries transfers "
				+ "(transfer.enabled), so the method takes the payload as ZmqTransfer, Path, File, Resource or "
				+ "InputStream (or a Message of one of them)");
	}

	@Override
	public void handle(ZmqTransfer transfer) throws Exception {
		switch (this.payloadType) {
			case TRANSFER -> invoke(transfer, transfer);
			case PATH -> invoke(transfer.getPath(), transfer);
			case FILE -> invoke(transfer.getPath().toFile(), transfer);
			case RESOURCE -> invoke(transfer.getResource(), transfer);
			case INPUT_STREAM -> {
				try (InputStream stream = transfer.getInputStream()) {
					invoke(stream, transfer);
				}
			}
		}
	}

	private void invoke(Object payload, ZmqTransfer transfer) throws Exception {
		Map<String, Object> headers = new HashMap<>(transfer.getHeaders());
		headers.put(ZmqHeaders.SOCKET, transfer.getSocketName());
		headers.put(ZmqHeaders.LISTENER_ID, transfer.getListenerId());
		headers.put(ZmqHeaders.ROUTING_ID, transfer.getRoutingId());
		headers.put(ZmqTransferHeaders.ID, transfer.getId());
		headers.put(ZmqTransferHeaders.SIZE, transfer.getSize());
		headers.put(ZmqTransferHeaders.CHECKSUM, transfer.getChecksum());
		if (transfer.getName() != null) {
			headers.put(ZmqTransferHeaders.NAME, transfer.getName());
		}
		if (transfer.getContentType() != null) {
			headers.put(MessageHeaders.CONTENT_TYPE, transfer.getContentType());
		}
		this.method.invoke(MessageBuilder.createMessage(payload, new MessageHeaders(headers)));
	}

}

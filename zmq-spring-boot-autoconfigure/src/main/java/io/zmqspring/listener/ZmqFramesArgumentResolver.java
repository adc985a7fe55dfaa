package io.zmqspring.listener;

import java.util.List;

import org.zeromq.ZFrame;
import org.zeromq.ZMsg;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves {@code List<byte[]>} and {@link ZMsg} parameters to all frames of the message, as
 * received.
 *
 * @author zmq-spring-boot
 */
public class ZmqFramesArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(Header.class) || parameter.hasParameterAnnotation(Payload.class)) {
			return false;
		}
		Class<?> type = parameter.getParameterType();
		if (type == ZMsg.class) {
			return true;
		}
		if (type != List.class) {
			return false;
		}
		ResolvableType element = ResolvableType.forMethodParameter(parameter).asCollection().getGeneric();
		return element.resolve() == byte[].class;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object resolveArgument(MethodParameter parameter, Message<?> message) {
		List<byte[]> frames = (List<byte[]>) message.getHeaders().get(ZmqHeaders.FRAMES);
		if (frames == null) {
			frames = List.of((byte[]) message.getPayload());
		}
		if (parameter.getParameterType() == ZMsg.class) {
			ZMsg msg = new ZMsg();
			for (byte[] frame : frames) {
				msg.add(new ZFrame(frame));
			}
			return msg;
		}
		return frames;
	}

}

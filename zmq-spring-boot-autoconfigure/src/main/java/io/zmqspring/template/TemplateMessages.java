package io.zmqspring.template;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeType;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqHeaderSettings;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketType;

/**
 * How a {@link ZmqTemplate} turns what it is given into what a socket's owner sends: conversion
 * by each socket's content type, the layout of Spring messages, and the checks of a socket's
 * type against what is sent on it.
 *
 * @author zmq-spring-boot
 */
final class TemplateMessages {

	private final CompositeZmqMessageConverter converters;

	private ZmqContentTypes contentTypes = ZmqContentTypes.NONE;

	TemplateMessages(ZmqMessageConverter messageConverter) {
		this.converters = CompositeZmqMessageConverter.of(messageConverter);
	}

	void setContentTypes(ZmqContentTypes contentTypes) {
		this.contentTypes = contentTypes;
	}

	/** Return the content type a socket converts objects with. */
	MimeType contentType(String socket) {
		return this.contentTypes.forSocket(socket);
	}

	/** Read a reply's bytes into the type asked for, by the given content type. */
	<T> @Nullable T read(byte[] bytes, Class<T> type, MimeType contentType) {
		return type.cast(this.converters.fromBytes(bytes, type, contentType));
	}

	/**
	 * Convert a payload by the socket's content type into what the socket's owner sends: the
	 * bytes alone, or frames with the topic and, on a socket with the header frame enabled, the
	 * content type the converter wrote.
	 */
	Object converted(String socket, ZmqSocketOwner target, @Nullable String topic, Object payload) {
		ZmqMessageConverter writer = this.converters.writerFor(payload, this.contentTypes.forSocket(socket));
		byte[] bytes = writer.toBytes(payload);
		ZmqHeaderSettings settings = headersOf(target);
		List<MimeType> written = writer.getContentTypes();
		if (settings.enabled() && !written.isEmpty()) {
			return MessageFrames.outbound(null, topic, settings,
					Map.of(MessageHeaders.CONTENT_TYPE, written.get(0).toString()), bytes);
		}
		return (topic != null) ? new byte[][] { topic.getBytes(StandardCharsets.UTF_8), bytes } : bytes;
	}

	/**
	 * Lay out a Spring message: its payload as is ({@code byte[]}) or converted by its own
	 * {@code contentType} header, else the socket's content type; a converted payload's content
	 * type is added to the headers when the message names none.
	 */
	byte[][] outbound(String socket, byte @Nullable [] routingId, @Nullable String topic,
			ZmqHeaderSettings settings, Message<?> message) {
		Object payload = message.getPayload();
		MessageHeaders headers = message.getHeaders();
		if (payload instanceof byte[] bytes) {
			return MessageFrames.outbound(routingId, topic, settings, headers, bytes);
		}
		MimeType asked = ZmqContentTypes.fromHeader(headers.get(MessageHeaders.CONTENT_TYPE));
		ZmqMessageConverter writer = this.converters.writerFor(payload,
				(asked != null) ? asked : this.contentTypes.forSocket(socket));
		byte[] bytes = writer.toBytes(payload);
		List<MimeType> written = writer.getContentTypes();
		if (asked != null || written.isEmpty() || !settings.enabled()) {
			return MessageFrames.outbound(routingId, topic, settings, headers, bytes);
		}
		Map<String, Object> withContentType = new java.util.LinkedHashMap<>(headers);
		withContentType.put(MessageHeaders.CONTENT_TYPE, written.get(0).toString());
		return MessageFrames.outbound(routingId, topic, settings, withContentType, bytes);
	}

	static ZmqHeaderSettings headersOf(ZmqSocketOwner owner) {
		return owner.getDefinition().options().headers();
	}

	static void requirePublisher(String socket, ZmqSocketOwner target) {
		ZmqSocketType type = target.getDefinition().type();
		if (!type.isPublisher()) {
			throw new ZmqSendException(socket,
					"a topic can only be sent on a PUB or XPUB socket, but this socket is " + type);
		}
	}

	static void singleFrameOnly(ZmqSocketOwner owner, List<byte[]> frames) {
		ZmqSocketType type = owner.getDefinition().type();
		if (frames.size() > 1 && type.isSingleFrame()) {
			throw new ZmqSendException(owner.getName(), "a " + type + " socket carries one frame per message, not "
					+ frames.size());
		}
	}

}

package io.zmqspring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;

import io.zmqspring.converter.ByteArrayZmqMessageConverter;
import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.JacksonZmqMessageConverter;
import io.zmqspring.converter.MessagePackZmqMessageConverter;
import io.zmqspring.converter.StringZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqMessageConverter;

/**
 * The message converter chain: the application's {@link ZmqMessageConverter} beans first, in
 * their order ({@link org.springframework.core.annotation.Order @Order} on the class or the
 * {@code @Bean} method, or {@link org.springframework.core.Ordered}), then
 * {@code byte[]}, {@code String} and, with Jackson 3 present, JSON through the application's
 * {@link JsonMapper}, the default for objects; with msgpack-core present too, MessagePack for
 * sockets, listeners and messages of content type {@code application/msgpack}. A
 * {@link CompositeZmqMessageConverter} bean replaces the chain.
 *
 * @author zmq-spring-boot
 */
@Configuration(proxyBeanMethods = false)
class ZmqMessageConverterConfiguration {

	private static final boolean JACKSON_PRESENT = ClassUtils
		.isPresent("tools.jackson.databind.json.JsonMapper", ZmqMessageConverterConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	CompositeZmqMessageConverter zmqMessageConverter(ObjectProvider<ZmqMessageConverter> applicationConverters,
			ObjectProvider<ZmqJsonConverterHolder> json, ObjectProvider<ZmqMessagePackConverterHolder> msgpack) {
		// The type filter runs on bean definitions, before any bean is created, so the composite
		// (this bean, or another one) is never asked for while it is being created. The ordered
		// stream honours Ordered, @Order and @Priority on the class and @Order on @Bean methods.
		List<ZmqMessageConverter> converters = new ArrayList<>(
				applicationConverters.orderedStream(ZmqMessageConverterConfiguration::isApplicationConverter).toList());
		converters.add(new ByteArrayZmqMessageConverter());
		converters.add(new StringZmqMessageConverter());
		if (JACKSON_PRESENT) {
			ZmqJsonConverterHolder holder = json.getIfAvailable();
			if (holder != null) {
				converters.add(holder.converter());
			}
			ZmqMessagePackConverterHolder msgpackHolder = msgpack.getIfAvailable();
			if (msgpackHolder != null) {
				converters.add(msgpackHolder.converter());
			}
		}
		return new CompositeZmqMessageConverter(converters);
	}

	/**
	 * The content type of each socket ({@code zmq.sockets.<name>.content-type}, else
	 * {@code zmq.defaults.content-type}), checked against the chain at startup.
	 */
	@Bean
	@ConditionalOnMissingBean
	ZmqContentTypes zmqContentTypes(ZmqProperties properties, CompositeZmqMessageConverter zmqMessageConverter) {
		String defaultValue = properties.getDefaults().getContentType();
		MimeType defaultContentType = (defaultValue != null)
				? ZmqContentTypes.parse("zmq.defaults.content-type", defaultValue, zmqMessageConverter) : null;
		Map<String, MimeType> bySocket = new LinkedHashMap<>();
		properties.getSockets().forEach((name, socket) -> {
			if (socket.getContentType() != null) {
				bySocket.put(name, ZmqContentTypes.parse("zmq.sockets." + name + ".content-type",
						socket.getContentType(), zmqMessageConverter));
			}
		});
		return new ZmqContentTypes(defaultContentType, bySocket);
	}

	private static boolean isApplicationConverter(@Nullable Class<?> type) {
		return type == null || !CompositeZmqMessageConverter.class.isAssignableFrom(type);
	}

	/**
	 * Carries the JSON converter without exposing it as a {@link ZmqMessageConverter} bean, which
	 * would put it ahead of the {@code byte[]} and {@code String} converters.
	 */
	record ZmqJsonConverterHolder(ZmqMessageConverter converter) {
	}

	/** Carries the MessagePack converter, after JSON, for the same reason. */
	record ZmqMessagePackConverterHolder(ZmqMessageConverter converter) {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonConfiguration {

		@Bean
		ZmqJsonConverterHolder zmqJsonConverterHolder(ObjectProvider<JsonMapper> jsonMapper) {
			JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
			return new ZmqJsonConverterHolder(new JacksonZmqMessageConverter(mapper));
		}

	}

	/**
	 * MessagePack through msgpack-core, with the application's {@link JsonMapper} mapping objects
	 * to and from MessagePack's values.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MessagePack.class, JsonMapper.class })
	static class MessagePackConfiguration {

		@Bean
		ZmqMessagePackConverterHolder zmqMessagePackConverterHolder(ObjectProvider<JsonMapper> jsonMapper) {
			JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
			return new ZmqMessagePackConverterHolder(new MessagePackZmqMessageConverter(mapper));
		}

	}

}

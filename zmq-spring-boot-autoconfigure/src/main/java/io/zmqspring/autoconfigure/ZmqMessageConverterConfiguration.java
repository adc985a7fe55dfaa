package io.zmqspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;

import io.zmqspring.converter.ByteArrayZmqMessageConverter;
import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.JacksonZmqMessageConverter;
import io.zmqspring.converter.StringZmqMessageConverter;
import io.zmqspring.converter.ZmqMessageConverter;

/**
 * The message converter chain: the application's {@link ZmqMessageConverter} beans first, then
 * {@code byte[]}, {@code String} and, with Jackson 3 present, JSON through the application's
 * {@link JsonMapper}. A {@link CompositeZmqMessageConverter} bean replaces the chain.
 *
 * @author zmq-spring-boot
 */
@Configuration(proxyBeanMethods = false)
class ZmqMessageConverterConfiguration {

	private static final boolean JACKSON_PRESENT = ClassUtils
		.isPresent("tools.jackson.databind.json.JsonMapper", ZmqMessageConverterConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	CompositeZmqMessageConverter zmqMessageConverter(ListableBeanFactory beanFactory,
			ObjectProvider<ZmqJsonConverterHolder> json) {
		List<ZmqMessageConverter> converters = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(ZmqMessageConverter.class)) {
			Class<?> type = beanFactory.getType(name);
			if (type == null || !CompositeZmqMessageConverter.class.isAssignableFrom(type)) {
				converters.add(beanFactory.getBean(name, ZmqMessageConverter.class));
			}
		}
		AnnotationAwareOrderComparator.sort(converters);
		converters.add(new ByteArrayZmqMessageConverter());
		converters.add(new StringZmqMessageConverter());
		if (JACKSON_PRESENT) {
			ZmqJsonConverterHolder holder = json.getIfAvailable();
			if (holder != null) {
				converters.add(holder.converter());
			}
		}
		return new CompositeZmqMessageConverter(converters);
	}

	/**
	 * Carries the JSON converter without exposing it as a {@link ZmqMessageConverter} bean, which
	 * would put it ahead of the {@code byte[]} and {@code String} converters.
	 */
	record ZmqJsonConverterHolder(ZmqMessageConverter converter) {
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

}

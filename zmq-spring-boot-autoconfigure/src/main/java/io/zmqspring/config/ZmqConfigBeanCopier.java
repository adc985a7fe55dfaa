package io.zmqspring.config;

import java.beans.PropertyDescriptor;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Copies the state of a freshly bound {@code @ConfigurationProperties} object onto the bean the
 * application holds, along the JavaBean properties the binder binds: a property with a setter is
 * set; a read-only nested object is copied into in place; a read-only map or collection is
 * cleared and filled. So the bean ends up as a fresh start would bind it, and a key removed from
 * the {@code Environment} takes its default again.
 *
 * @author zmq-spring-boot
 */
final class ZmqConfigBeanCopier {

	/** Nested objects deeper than this are left alone: a cycle, not a properties class. */
	private static final int MAX_DEPTH = 16;

	private ZmqConfigBeanCopier() {
	}

	/**
	 * Copy one object's properties onto another of the same class.
	 * @param from the freshly bound object
	 * @param to the bean to update
	 */
	static void copy(Object from, Object to) {
		copy(from, to, 0);
	}

	private static void copy(Object from, Object to, int depth) {
		BeanWrapper source = PropertyAccessorFactory.forBeanPropertyAccess(from);
		BeanWrapper target = PropertyAccessorFactory.forBeanPropertyAccess(to);
		for (PropertyDescriptor descriptor : source.getPropertyDescriptors()) {
			String name = descriptor.getName();
			if (descriptor.getReadMethod() == null || !target.isReadableProperty(name)) {
				continue;
			}
			Object value = source.getPropertyValue(name);
			if (target.isWritableProperty(name)) {
				target.setPropertyValue(name, value);
				continue;
			}
			copyInPlace(value, target.getPropertyValue(name), depth);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void copyInPlace(@Nullable Object value, @Nullable Object current, int depth) {
		if (value == null || current == null || value == current) {
			return;
		}
		if (current instanceof Map map && value instanceof Map fresh) {
			map.clear();
			map.putAll(fresh);
		}
		else if (current instanceof Collection collection && value instanceof Collection fresh) {
			collection.clear();
			collection.addAll(fresh);
		}
		else if (depth < MAX_DEPTH && isNestedBean(current.getClass()) && current.getClass() == value.getClass()) {
			copy(value, current, depth + 1);
		}
	}

	private static boolean isNestedBean(Class<?> type) {
		return !BeanUtils.isSimpleValueType(type) && !type.isArray() && !type.isRecord()
				&& !type.getName().startsWith("java.");
	}

}

package io.zmqspring.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Binds {@code @ConfigurationProperties} beans again after properties changed, as Spring Cloud's
 * rebinder does, without Spring Cloud. Only beans whose prefix covers a changed key are rebound.
 * <p>
 * A bean is rebound by binding a new instance of its class exactly as Boot bound the bean at
 * startup (Boot's own binding post-processor: conversion, placeholders, validation) and copying
 * its state onto the bean ({@link ZmqConfigBeanCopier}), so a removed key takes its default
 * again, and values that fail validation are refused as a whole: the bean keeps its values and
 * the failure is logged. A class without a no-argument constructor is bound in place (a removed
 * key then keeps its last value). Constructor-bound beans (records, immutable classes) cannot
 * change; read such values from the {@code Environment} or on {@link ZmqConfigChangedEvent}.
 * Readers on other threads may see a bean while it is being updated, one property at a time.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigurationPropertiesRebinder {

	private static final Log logger = LogFactory.getLog(ZmqConfigurationPropertiesRebinder.class);

	private final ApplicationContext context;

	private final Set<String> reportedImmutable = java.util.concurrent.ConcurrentHashMap.newKeySet();

	public ZmqConfigurationPropertiesRebinder(ApplicationContext context) {
		Assert.notNull(context, "'context' must not be null");
		this.context = context;
	}

	/**
	 * Rebind the beans whose prefix covers one of the keys.
	 * @param keys the changed keys
	 * @return the names of the beans rebound
	 */
	public Set<String> rebind(Collection<String> keys) {
		Set<String> rebound = new LinkedHashSet<>();
		if (keys.isEmpty() || !isActive()) {
			return rebound;
		}
		ConfigurationPropertiesBindingPostProcessor binder = this.context.getBean(
				ConfigurationPropertiesBindingPostProcessor.BEAN_NAME, ConfigurationPropertiesBindingPostProcessor.class);
		for (Map.Entry<String, ConfigurationPropertiesBean> entry : ConfigurationPropertiesBean.getAll(this.context)
			.entrySet()) {
			ConfigurationPropertiesBean bean = entry.getValue();
			String prefix = bean.getAnnotation().prefix();
			if (!covers(prefix, keys)) {
				continue;
			}
			if (bean.asBindTarget().getBindMethod() == BindMethod.VALUE_OBJECT) {
				if (this.reportedImmutable.add(entry.getKey())) {
					logger.info(LogMessage.of(() -> "Configuration properties bean '" + entry.getKey() + "' ("
							+ prefix + ") is constructor-bound and keeps its values; read changed values from the "
							+ "Environment or on ZmqConfigChangedEvent"));
				}
				continue;
			}
			if (rebind(binder, entry.getKey(), prefix, bean.getInstance())) {
				rebound.add(entry.getKey());
			}
		}
		return rebound;
	}

	private boolean rebind(ConfigurationPropertiesBindingPostProcessor binder, String name, String prefix,
			Object instance) {
		Object target = AopProxyUtils.getSingletonTarget(instance);
		Object bean = (target != null) ? target : instance;
		try {
			Object fresh = instantiate(bean.getClass());
			if (fresh != null) {
				binder.postProcessBeforeInitialization(fresh, name);
				ZmqConfigBeanCopier.copy(fresh, bean);
			}
			else {
				binder.postProcessBeforeInitialization(bean, name);
			}
			logger.debug(LogMessage.of(() -> "Rebound configuration properties bean '" + name + "' (" + prefix + ")"));
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not rebind configuration properties bean '" + name + "' (" + prefix
					+ ") to the changed properties; it keeps its values: " + describe(ex));
			return false;
		}
	}

	/** Name the property that failed and why, never its value (it may be a secret). */
	private static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind) {
				ConfigurationProperty property = bind.getProperty();
				Throwable reason = bind.getCause();
				return "property " + ((property != null) ? property.getName() : bind.getName()) + " could not be bound"
						+ ((reason != null) ? " (" + reason.getClass().getSimpleName() + ")" : "");
			}
		}
		return failure.getClass().getSimpleName();
	}

	private static @Nullable Object instantiate(Class<?> type) {
		try {
			return BeanUtils.instantiateClass(type.getDeclaredConstructor());
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return null;
		}
	}

	private boolean isActive() {
		return !(this.context instanceof ConfigurableApplicationContext configurable) || configurable.isActive();
	}

	/**
	 * Whether a bean prefix covers one of the keys: the key is the prefix or below it.
	 * @param prefix the prefix, empty for the root
	 * @param keys the keys
	 * @return whether the bean binds one of the keys
	 */
	static boolean covers(String prefix, Collection<String> keys) {
		if (prefix.isEmpty()) {
			return true;
		}
		ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
		for (String key : keys) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (root.equals(name) || root.isAncestorOf(name)) {
				return true;
			}
		}
		return false;
	}

}

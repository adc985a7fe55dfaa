package io.zmqspring.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;
import org.springframework.util.StringUtils;
import org.springframework.validation.Validator;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.BatchMessagingZmqMessageListener;
import io.zmqspring.listener.MessagingZmqMessageListener;
import io.zmqspring.listener.ZmqBatchSettings;
import io.zmqspring.listener.ZmqFramesArgumentResolver;
import io.zmqspring.listener.ZmqListenerEndpoint;
import io.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.zmqspring.listener.ZmqListenerErrorHandler;
import io.zmqspring.listener.ZmqPayloadMessageConverter;
import io.zmqspring.transfer.ZmqTransferListener;

/**
 * Finds {@link ZmqListener} methods on beans and, once all singletons exist, registers one
 * {@link ZmqListenerEndpoint} per annotation with the {@link ZmqListenerEndpointRegistry}.
 * Attribute values are resolved as placeholders and expressions first; a value that cannot work
 * fails startup with a {@link ZmqConfigurationException} naming the listener.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private final Set<Class<?>> nonAnnotatedClasses = Collections.newSetFromMap(new ConcurrentHashMap<>(64));

	private final List<PendingListener> pending = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger counter = new AtomicInteger();

	private @Nullable ConfigurableBeanFactory beanFactory;

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		Map<Method, Set<ZmqListener>> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Set<ZmqListener>>) (method) -> {
					Set<ZmqListener> listeners = AnnotatedElementUtils.findMergedRepeatableAnnotations(method,
							ZmqListener.class, ZmqListeners.class);
					return listeners.isEmpty() ? null : listeners;
				});
		if (annotated.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		annotated.forEach((method, listeners) -> {
			for (ZmqListener listener : listeners) {
				this.pending.add(new PendingListener(bean, targetClass, method, listener));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableBeanFactory factory = beanFactory();
		ZmqListenerEndpointRegistry registry = factory.getBean(ZmqListenerEndpointRegistry.class);
		ZmqSocketRegistry sockets = factory.getBean(ZmqSocketRegistry.class);
		CompositeZmqMessageConverter converter = factory.getBean(CompositeZmqMessageConverter.class);
		ZmqContentTypes contentTypes = factory.getBeanProvider(ZmqContentTypes.class)
			.getIfAvailable(() -> ZmqContentTypes.NONE);
		DefaultMessageHandlerMethodFactory methodFactory = messageHandlerMethodFactory(factory, converter);
		TransferListeners transfers = new TransferListeners(factory);
		List<PendingListener> toRegister;
		synchronized (this.pending) {
			toRegister = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		for (PendingListener listener : toRegister) {
			registry.registerListener(endpoint(listener, sockets, converter, contentTypes, methodFactory, transfers));
		}
	}

	private DefaultMessageHandlerMethodFactory messageHandlerMethodFactory(ConfigurableBeanFactory factory,
			ZmqMessageConverter converter) {
		DefaultMessageHandlerMethodFactory methodFactory = new DefaultMessageHandlerMethodFactory();
		methodFactory.setBeanFactory(factory);
		methodFactory.setMessageConverter(new ZmqPayloadMessageConverter(converter));
		methodFactory.setCustomArgumentResolvers(List.of(new ZmqFramesArgumentResolver()));
		Validator validator = findValidator(factory);
		if (validator != null) {
			methodFactory.setValidator(validator);
		}
		methodFactory.afterPropertiesSet();
		return methodFactory;
	}

	private static @Nullable Validator findValidator(ConfigurableBeanFactory factory) {
		Validator unique = factory.getBeanProvider(Validator.class).getIfUnique();
		if (unique != null) {
			return unique;
		}
		if (factory.containsBean("defaultValidator")) {
			Object candidate = factory.getBean("defaultValidator");
			return (candidate instanceof Validator validator) ? validator : null;
		}
		return null;
	}

	private ZmqListenerEndpoint endpoint(PendingListener listener, ZmqSocketRegistry sockets,
			CompositeZmqMessageConverter converter, ZmqContentTypes contentTypes,
			DefaultMessageHandlerMethodFactory methodFactory, TransferListeners transfers) {
		ZmqListener annotation = listener.annotation();
		String id = resolve(annotation.id());
		if (id.isEmpty()) {
			id = "zmqListener#" + this.counter.getAndIncrement();
		}
		String description = "@ZmqListener '" + id + "' on " + ClassUtils.getShortName(listener.targetClass()) + "."
				+ listener.method().getName();
		ZmqSocketDefinition socket = socketDefinition(id, description, annotation, sockets);
		Method invocable = AopUtils.selectInvocableMethod(listener.method(), listener.bean().getClass());
		InvocableHandlerMethod handler = methodFactory.createInvocableHandlerMethod(listener.bean(), invocable);
		MimeType contentType = ListenerAttributes.contentType(description, resolve(annotation.contentType()), socket,
				contentTypes, converter);
		ZmqListenerEndpoint endpoint;
		boolean batch = flag(description + " batch", resolve(annotation.batch()), false);
		ZmqTransferListener transfer = transfers.listener(description, socket, listener.method(), handler, batch);
		if (transfer != null) {
			endpoint = new ZmqListenerEndpoint(id, socket, transfer);
		}
		else if (batch) {
			ZmqBatchSettings settings = ListenerAttributes.batch(description, listener.method(), socket,
					resolve(annotation.batchSize()), resolve(annotation.batchTimeout()));
			endpoint = new ZmqListenerEndpoint(id, socket,
					new BatchMessagingZmqMessageListener(handler, converter, contentType));
			endpoint.setBatch(settings);
		}
		else {
			endpoint = new ZmqListenerEndpoint(id, socket,
					new MessagingZmqMessageListener(handler, converter, contentType));
		}
		endpoint.setDescription(description);
		endpoint.setConcurrency(concurrency(description, resolve(annotation.concurrency())));
		endpoint.setAutoStartup(flag(description + " autoStartup", resolve(annotation.autoStartup()), true));
		String errorHandler = resolve(annotation.errorHandler());
		if (!errorHandler.isEmpty()) {
			endpoint.setErrorHandler(errorHandler(description, errorHandler));
		}
		if (transfer == null) {
			endpoint.setSendTo(sendTo(description, listener.method(), socket, sockets));
		}
		String asyncReplyTimeout = resolve(annotation.asyncReplyTimeout());
		if (!asyncReplyTimeout.isEmpty()) {
			endpoint.setAsyncReplyTimeout(positiveDuration(description + " asyncReplyTimeout", asyncReplyTimeout));
		}
		return endpoint;
	}

	/**
	 * Return the socket named by the method's {@code @SendTo}, checked: configured, and of a
	 * type the return value can be sent on without naming a peer.
	 */
	private @Nullable String sendTo(String description, Method method, ZmqSocketDefinition listenerSocket,
			ZmqSocketRegistry sockets) {
		SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
		if (sendTo == null) {
			return null;
		}
		String what = description + " @SendTo";
		String[] values = sendTo.value();
		String name = (values.length == 1) ? resolve(values[0]).trim() : "";
		if (name.isEmpty()) {
			throw new ZmqConfigurationException(what, Arrays.toString(values),
					"name exactly one socket configured under zmq.sockets to send the return value to");
		}
		if (listenerSocket.type() == ZmqSocketType.REP) {
			throw new ZmqConfigurationException(what, name, "the listener receives on a REP socket, whose REQ "
					+ "clients wait for the return value as their reply; forward from a PULL, SUB, ROUTER, DEALER or "
					+ "PAIR listener, or send with ZmqTemplate from the method");
		}
		ZmqSocketDefinition target = sockets.findDefinition(name);
		if (target == null) {
			throw new ZmqConfigurationException(what, name,
					"no socket of that name is configured under zmq.sockets; configured sockets: "
							+ (sockets.getDefinitions().isEmpty() ? "none" : sockets.getDefinitions().keySet()));
		}
		if (!target.type().isForwardTarget()) {
			throw new ZmqConfigurationException(what, name, "socket '" + name + "' is a " + target.type()
					+ " socket; a return value can be forwarded only to a PUB, XPUB, PUSH, DEALER or PAIR socket");
		}
		return name;
	}

	private static Duration positiveDuration(String what, String value) {
		try {
			Duration duration = DurationStyle.detectAndParse(value.trim());
			if (!duration.isNegative() && !duration.isZero()) {
				return duration;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new ZmqConfigurationException(what, value, "must be a positive duration, for example 10s or 500ms");
	}

	private ZmqSocketDefinition socketDefinition(String id, String description, ZmqListener annotation,
			ZmqSocketRegistry sockets) {
		String socketName = resolve(annotation.socket());
		String typeName = resolve(annotation.type());
		List<String> endpoints = resolveAll(annotation.endpoints());
		List<String> topics = resolveAll(annotation.topics());
		ZmqSocketDefinition definition;
		if (!socketName.isEmpty()) {
			if (!typeName.isEmpty() || !endpoints.isEmpty()) {
				throw new ZmqConfigurationException(description, socketName,
						"name a configured socket or declare type and endpoints, not both");
			}
			ZmqSocketDefinition configured = sockets.getDefinition(description, socketName);
			definition = topics.isEmpty() ? configured
					: new ZmqSocketDefinition(configured.name(), configured.type(), configured.endpoints(), topics,
							configured.options());
		}
		else {
			if (typeName.isEmpty() || endpoints.isEmpty()) {
				throw new ZmqConfigurationException(description, null,
						"name a configured socket (socket = \"...\") or declare type and endpoints");
			}
			ZmqSocketType type = socketType(description, typeName);
			boolean bind = flag(description + " bind", resolve(annotation.bind()), type.bindsByDefault());
			definition = sockets.inlineDefinition(description, id, type, bind, endpoints, topics);
		}
		if (!definition.type().isListenerType()) {
			throw new ZmqConfigurationException(description, definition.type(),
					"a listener cannot receive on this socket type; use one of SUB, PULL, REP, ROUTER, DEALER, PAIR, XSUB");
		}
		return definition;
	}

	private static ZmqSocketType socketType(String description, String typeName) {
		try {
			return ZmqSocketType.valueOf(typeName.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ZmqConfigurationException(description + " type", typeName,
					"unknown socket type; use one of " + Arrays.toString(ZmqSocketType.values()));
		}
	}

	private static int concurrency(String description, String value) {
		if (value.isEmpty()) {
			return 1;
		}
		try {
			int concurrency = Integer.parseInt(value.trim());
			if (concurrency >= 1) {
				return concurrency;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new ZmqConfigurationException(description + " concurrency", value, "must be a whole number of at least 1");
	}

	private static boolean flag(String what, String value, boolean defaultValue) {
		if (value.isEmpty()) {
			return defaultValue;
		}
		if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
			return Boolean.parseBoolean(value);
		}
		throw new ZmqConfigurationException(what, value, "must be true or false");
	}

	private ZmqListenerErrorHandler errorHandler(String description, String beanName) {
		try {
			return beanFactory().getBean(beanName, ZmqListenerErrorHandler.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new ZmqConfigurationException(description + " errorHandler", beanName,
					"no ZmqListenerErrorHandler bean of that name");
		}
	}

	private List<String> resolveAll(String[] values) {
		List<String> resolved = new ArrayList<>();
		for (String value : values) {
			for (String part : StringUtils.commaDelimitedListToStringArray(resolve(value))) {
				if (!part.isBlank()) {
					resolved.add(part.trim());
				}
			}
		}
		return resolved;
	}

	private String resolve(String value) {
		if (value.isEmpty()) {
			return value;
		}
		ConfigurableBeanFactory factory = beanFactory();
		String resolved = factory.resolveEmbeddedValue(value);
		BeanExpressionResolver expressionResolver = factory.getBeanExpressionResolver();
		if (resolved != null && expressionResolver != null) {
			Object evaluated = expressionResolver.evaluate(resolved, new BeanExpressionContext(factory, null));
			return (evaluated != null) ? evaluated.toString() : "";
		}
		return (resolved != null) ? resolved : "";
	}

	private ConfigurableBeanFactory beanFactory() {
		Assert.state(this.beanFactory != null, "BeanFactory has not been set");
		return this.beanFactory;
	}

	private record PendingListener(Object bean, Class<?> targetClass, Method method, ZmqListener annotation) {
	}

}

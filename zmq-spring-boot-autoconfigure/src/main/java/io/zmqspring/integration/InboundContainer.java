package io.zmqspring.integration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.context.IntegrationObjectSupport;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

import io.zmqspring.converter.ByteArrayZmqMessageConverter;
import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.StringZmqMessageConverter;
import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerEndpoint;
import io.zmqspring.listener.ZmqListenerErrorHandler;
import io.zmqspring.listener.ZmqListenerException;
import io.zmqspring.listener.ZmqMessageListener;

/**
 * What the inbound channel adapter and the inbound gateway share: the socket they receive on (a
 * configured one, or one declared inline with a type and endpoints), the listener container they
 * receive through, and how payloads are converted.
 *
 * @author zmq-spring-boot
 */
final class InboundContainer {

	private static final AtomicInteger counter = new AtomicInteger();

	private final ZmqListenerContainerFactory containerFactory;

	private final @Nullable String socketName;

	private final @Nullable ZmqSocketType inlineType;

	private final List<String> endpoints;

	private List<String> topics = List.of();

	private @Nullable Boolean bind;

	private int concurrency = 1;

	private Class<?> payloadType = byte[].class;

	private @Nullable ZmqMessageConverter messageConverter;

	private boolean generateMessageId;

	private @Nullable ZmqListenerErrorHandler errorHandler;

	private @Nullable ZmqListenerContainer container;

	InboundContainer(ZmqListenerContainerFactory containerFactory, String socketName) {
		Assert.notNull(containerFactory, "'containerFactory' must not be null");
		Assert.hasText(socketName, "'socketName' must not be empty");
		this.containerFactory = containerFactory;
		this.socketName = socketName;
		this.inlineType = null;
		this.endpoints = List.of();
	}

	InboundContainer(ZmqListenerContainerFactory containerFactory, ZmqSocketType type, List<String> endpoints) {
		Assert.notNull(containerFactory, "'containerFactory' must not be null");
		Assert.notNull(type, "'type' must not be null");
		Assert.notEmpty(endpoints, "'endpoints' must not be empty");
		this.containerFactory = containerFactory;
		this.socketName = null;
		this.inlineType = type;
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * Return a component's id: its component or bean name, or a generated one.
	 * @param component the component
	 * @return the id
	 */
	static String idOf(IntegrationObjectSupport component) {
		String name = component.getComponentName();
		return (name != null && !name.isBlank()) ? name : "zmqInbound#" + counter.getAndIncrement();
	}

	void setTopics(List<String> topics) {
		Assert.notNull(topics, "'topics' must not be null");
		this.topics = List.copyOf(topics);
	}

	void setBind(boolean bind) {
		this.bind = bind;
	}

	void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, "'concurrency' must be at least 1");
		this.concurrency = concurrency;
	}

	void setPayloadType(Class<?> payloadType) {
		Assert.notNull(payloadType, "'payloadType' must not be null");
		this.payloadType = payloadType;
	}

	void setMessageConverter(ZmqMessageConverter messageConverter) {
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.messageConverter = messageConverter;
	}

	void setGenerateMessageId(boolean generateMessageId) {
		this.generateMessageId = generateMessageId;
	}

	void setErrorHandler(ZmqListenerErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
	}

	/**
	 * Create the container; called once, when the component is initialized.
	 * @param id the component's id: the container's, and an inline socket's name
	 * @param description the component, for errors
	 * @param listener what handles each message
	 * @param types the socket types the component can receive on
	 * @param beanFactory where to find the application's converter when none is set
	 */
	void initialize(String id, String description, ZmqMessageListener listener, Set<ZmqSocketType> types,
			@Nullable BeanFactory beanFactory) {
		Assert.state(this.container == null, () -> description + " is already initialized");
		ZmqSocketDefinition definition = definition(id, description);
		if (!types.contains(definition.type())) {
			throw new ZmqConfigurationException(description, definition.type(),
					"cannot receive on socket '" + definition.name() + "' of this type; use one of " + types);
		}
		if (this.messageConverter == null) {
			this.messageConverter = applicationConverter(beanFactory);
		}
		ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(id, definition, listener);
		endpoint.setDescription(description);
		endpoint.setConcurrency(this.concurrency);
		// the component starts and stops its container
		endpoint.setAutoStartup(false);
		endpoint.setErrorHandler(this.errorHandler);
		this.container = this.containerFactory.createContainer(endpoint);
	}

	private ZmqSocketDefinition definition(String id, String description) {
		ZmqSocketRegistry registry = this.containerFactory.getSocketFactory().getRegistry();
		if (this.inlineType != null) {
			boolean binds = (this.bind != null) ? this.bind : this.inlineType.bindsByDefault();
			return registry.inlineDefinition(description, id, this.inlineType, binds, this.endpoints, this.topics);
		}
		String name = this.socketName;
		Assert.state(name != null, "a configured or an inline socket");
		ZmqSocketDefinition configured = registry.getDefinition(description, name);
		return this.topics.isEmpty() ? configured : new ZmqSocketDefinition(configured.name(), configured.type(),
				configured.endpoints(), this.topics, configured.options());
	}

	private static ZmqMessageConverter applicationConverter(@Nullable BeanFactory beanFactory) {
		CompositeZmqMessageConverter converter = (beanFactory != null)
				? beanFactory.getBeanProvider(CompositeZmqMessageConverter.class).getIfUnique() : null;
		return (converter != null) ? converter : new CompositeZmqMessageConverter(
				List.of(new ByteArrayZmqMessageConverter(), new StringZmqMessageConverter()));
	}

	ZmqListenerContainer getContainer() {
		Assert.state(this.container != null, "The component is not initialized");
		return this.container;
	}

	/**
	 * Return a received message as a Spring Integration message: the payload converted to the
	 * payload type, and every header of {@link ZmqInboundMessage#toMessage()}. Like Spring for
	 * Apache Kafka's, the message has no id and no timestamp header unless asked for: generating
	 * a random id for every message costs more than the rest of the mapping.
	 * @param message the received message
	 * @param builders the component's message builders, for messages with an id
	 * @return the message
	 * @throws ZmqListenerException of kind conversion if the payload cannot be converted
	 */
	Message<?> toMessage(ZmqInboundMessage message, MessageBuilderFactory builders) {
		Message<byte[]> received = message.toMessage();
		if (this.payloadType == byte[].class && !this.generateMessageId) {
			return received;
		}
		Object payload = received.getPayload();
		if (this.payloadType != byte[].class) {
			try {
				payload = converter().fromBytes(received.getPayload(), this.payloadType);
			}
			catch (RuntimeException ex) {
				throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
						ZmqListenerException.Kind.CONVERSION, ex);
			}
			if (payload == null) {
				throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
						ZmqListenerException.Kind.CONVERSION,
						new IllegalArgumentException("the payload converted to null"));
			}
		}
		return this.generateMessageId ? builders.withPayload(payload).copyHeaders(received.getHeaders()).build()
				: new GenericMessage<>(payload, received.getHeaders());
	}

	/**
	 * Return the bytes of a payload: {@code byte[]} as is, anything else through the converter.
	 * @param payload the payload
	 * @return the bytes
	 */
	byte[] toBytes(Object payload) {
		return (payload instanceof byte[] bytes) ? bytes : converter().toBytes(payload);
	}

	private ZmqMessageConverter converter() {
		ZmqMessageConverter converter = this.messageConverter;
		Assert.state(converter != null, "The component is not initialized");
		return converter;
	}

}

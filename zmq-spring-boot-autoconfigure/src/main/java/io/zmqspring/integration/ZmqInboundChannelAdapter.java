package io.zmqspring.integration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.endpoint.MessageProducerSupport;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerErrorHandler;

/**
 * A message-driven channel adapter: every message a socket receives goes to the output channel.
 * <p>
 * It receives through a {@link ZmqListenerContainer} made by the application's
 * {@link ZmqListenerContainerFactory}, so the socket has one owner thread shared with the
 * template, and failures are handled, counted and logged as for {@code @ZmqListener}: a message
 * the flow fails on goes to the error channel when one is set, otherwise to the container's error
 * handler, and the adapter keeps receiving. It starts after and stops before the rest of the
 * application, in the listener containers' phase, and can be started again after a stop.
 * <p>
 * Socket types: SUB (topics from the socket or {@link #setTopics(String...)}), PULL, PAIR, DEALER,
 * ROUTER and XSUB, a socket configured under {@code zmq.sockets} or declared inline with a type and
 * endpoints (named after the adapter's id). The payload is the last frame, as {@code byte[]} unless
 * a {@linkplain #setPayloadType(Class) payload type} is set; the headers are the
 * {@link io.zmqspring.listener.ZmqHeaders}: topic, routing id, socket, and all frames, and the
 * allowed headers of the header frame when the socket has it enabled. Messages have no id and no
 * timestamp header unless {@link #setGenerateMessageId(boolean)} asks for them.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundChannelAdapter extends MessageProducerSupport {

	private static final Set<ZmqSocketType> TYPES = EnumSet.of(ZmqSocketType.SUB, ZmqSocketType.PULL,
			ZmqSocketType.PAIR, ZmqSocketType.DEALER, ZmqSocketType.ROUTER, ZmqSocketType.XSUB);

	private final InboundContainer inbound;

	/**
	 * Create an adapter on a socket configured under {@code zmq.sockets}.
	 * @param containerFactory the factory of the listener container
	 * @param socket the socket's name
	 */
	public ZmqInboundChannelAdapter(ZmqListenerContainerFactory containerFactory, String socket) {
		this(new InboundContainer(containerFactory, socket));
	}

	/**
	 * Create an adapter on a socket of its own, named after the adapter's id.
	 * @param containerFactory the factory of the listener container
	 * @param type the socket type
	 * @param endpoints the endpoints, {@code @} to bind and {@code >} to connect
	 */
	public ZmqInboundChannelAdapter(ZmqListenerContainerFactory containerFactory, ZmqSocketType type,
			String... endpoints) {
		this(new InboundContainer(containerFactory, type, Arrays.asList(endpoints)));
	}

	private ZmqInboundChannelAdapter(InboundContainer inbound) {
		this.inbound = inbound;
		setPhase(ZmqListenerContainer.DEFAULT_PHASE);
	}

	/**
	 * Set the subscriptions of a SUB or XSUB socket, instead of the socket's own.
	 * @param topics the topics
	 */
	public void setTopics(String... topics) {
		this.inbound.setTopics(List.of(topics));
	}

	/**
	 * Set whether the endpoints of an inline socket that have no {@code @} or {@code >} bind.
	 * @param bind whether they bind; by default the socket type's usual side
	 */
	public void setBind(boolean bind) {
		this.inbound.setBind(bind);
	}

	/**
	 * Set how many threads send messages into the flow (one by default: the socket's own).
	 * @param concurrency at least one
	 */
	public void setConcurrency(int concurrency) {
		this.inbound.setConcurrency(concurrency);
	}

	/**
	 * Set the type the payload is converted to.
	 * @param payloadType the type; {@code byte[]} by default
	 */
	public void setPayloadType(Class<?> payloadType) {
		this.inbound.setPayloadType(payloadType);
	}

	/**
	 * Set the converter for the payload type; by default the application's
	 * {@link io.zmqspring.converter.CompositeZmqMessageConverter}.
	 * @param messageConverter the converter
	 */
	public void setMessageConverter(ZmqMessageConverter messageConverter) {
		this.inbound.setMessageConverter(messageConverter);
	}

	/**
	 * Set whether each message gets an id and a timestamp header, as components that store
	 * messages by id need (a message store, an aggregator). Off by default, as in Spring for
	 * Apache Kafka: a random id per message costs more than the rest of the mapping.
	 * @param generateMessageId whether to generate them
	 */
	public void setGenerateMessageId(boolean generateMessageId) {
		this.inbound.setGenerateMessageId(generateMessageId);
	}

	/**
	 * Set the error handler of the container, for failures no error channel handles; by default
	 * the factory's.
	 * @param errorHandler the error handler
	 */
	public void setListenerErrorHandler(ZmqListenerErrorHandler errorHandler) {
		this.inbound.setErrorHandler(errorHandler);
	}

	/**
	 * Return the listener container, for its endpoints and socket state.
	 * @return the container
	 */
	public ZmqListenerContainer getListenerContainer() {
		return this.inbound.getContainer();
	}

	@Override
	public String getComponentType() {
		return "zmq:inbound-channel-adapter";
	}

	@Override
	protected void onInit() {
		super.onInit();
		String id = InboundContainer.idOf(this);
		this.inbound.initialize(id, "ZeroMQ inbound channel adapter '" + id + "'", this::onMessage, TYPES,
				getBeanFactory());
	}

	private byte @Nullable [] onMessage(ZmqInboundMessage message) {
		sendMessage(this.inbound.toMessage(message, getMessageBuilderFactory()));
		return null;
	}

	@Override
	protected void doStart() {
		super.doStart();
		this.inbound.getContainer().start();
	}

	@Override
	protected void doStop() {
		this.inbound.getContainer().stop();
		super.doStop();
	}

}

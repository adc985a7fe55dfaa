package io.zmqspring.integration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.gateway.MessagingGatewaySupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.listener.ZmqInboundMessage;
import io.zmqspring.listener.ZmqListenerContainer;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.listener.ZmqListenerErrorHandler;
import io.zmqspring.listener.ZmqListenerException;

/**
 * An inbound gateway: a REP or ROUTER server whose replies come from the flow. Each request goes
 * to the request channel; the flow's reply goes back to the requester, behind the request's
 * routing envelope.
 * <p>
 * It receives through a {@link ZmqListenerContainer}, like {@code @ZmqListener}: a REP gateway runs
 * on a ROUTER socket that applies REP's envelope rules, so it can never wedge, and with a
 * {@linkplain #setConcurrency(int) concurrency} above one it serves that many requests at once. When
 * the flow fails, or gives no reply within the reply timeout, the requester still gets the starter's
 * {@linkplain io.zmqspring.core.ZmqErrorReply error reply}, for example
 * {@code ZMQ-SPRING-ERROR: handler: IllegalStateException} (the failure's type, never its message),
 * unless an error channel's flow answers instead; the failure is counted and logged as a listener
 * error and the gateway keeps serving.
 * <p>
 * The request's payload is the last frame, as {@code byte[]} unless a
 * {@linkplain #setPayloadType(Class) payload type} is set; the reply's payload is sent as is when it
 * is a {@code byte[]}, otherwise through the converter.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundGateway extends MessagingGatewaySupport {

	private static final Set<ZmqSocketType> TYPES = EnumSet.of(ZmqSocketType.REP, ZmqSocketType.ROUTER);

	private final InboundContainer inbound;

	/**
	 * Create a gateway on a REP or ROUTER socket configured under {@code zmq.sockets}.
	 * @param containerFactory the factory of the listener container
	 * @param socket the socket's name
	 */
	public ZmqInboundGateway(ZmqListenerContainerFactory containerFactory, String socket) {
		this(new InboundContainer(containerFactory, socket));
	}

	/**
	 * Create a gateway on a REP or ROUTER socket of its own, named after the gateway's id.
	 * @param containerFactory the factory of the listener container
	 * @param type REP or ROUTER
	 * @param endpoints the endpoints, {@code @} to bind and {@code >} to connect
	 */
	public ZmqInboundGateway(ZmqListenerContainerFactory containerFactory, ZmqSocketType type, String... endpoints) {
		this(new InboundContainer(containerFactory, type, Arrays.asList(endpoints)));
	}

	private ZmqInboundGateway(InboundContainer inbound) {
		this.inbound = inbound;
		setPhase(ZmqListenerContainer.DEFAULT_PHASE);
		setErrorOnTimeout(true);
	}

	/**
	 * Set whether the endpoints of an inline socket that have no {@code @} or {@code >} bind.
	 * @param bind whether they bind; by default they do
	 */
	public void setBind(boolean bind) {
		this.inbound.setBind(bind);
	}

	/**
	 * Set how many requests are handed to the flow at once (one by default: on the socket's own
	 * thread).
	 * @param concurrency at least one
	 */
	public void setConcurrency(int concurrency) {
		this.inbound.setConcurrency(concurrency);
	}

	/**
	 * Set the type the request's payload is converted to.
	 * @param payloadType the type; {@code byte[]} by default
	 */
	public void setPayloadType(Class<?> payloadType) {
		this.inbound.setPayloadType(payloadType);
	}

	/**
	 * Set the converter for requests and replies; by default the application's
	 * {@link io.zmqspring.converter.CompositeZmqMessageConverter}.
	 * @param messageConverter the converter
	 */
	public void setMessageConverter(ZmqMessageConverter messageConverter) {
		this.inbound.setMessageConverter(messageConverter);
	}

	/**
	 * Set the error handler of the container, which sees every failure the requester gets an error
	 * reply for (and may return a reply to send instead); by default the factory's.
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
		return "zmq:inbound-gateway";
	}

	@Override
	protected void onInit() {
		super.onInit();
		String id = InboundContainer.idOf(this);
		this.inbound.initialize(id, "ZeroMQ inbound gateway '" + id + "'", this::onMessage, TYPES, getBeanFactory());
	}

	private byte @Nullable [] onMessage(ZmqInboundMessage message) {
		Message<?> request = this.inbound.toMessage(message, getMessageBuilderFactory());
		Message<?> reply;
		try {
			reply = sendAndReceiveMessage(request);
		}
		catch (MessagingException ex) {
			throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
					ZmqListenerException.Kind.HANDLER, flowFailure(ex));
		}
		if (reply == null) {
			return null;
		}
		try {
			return this.inbound.toBytes(reply.getPayload());
		}
		catch (RuntimeException ex) {
			throw new ZmqListenerException(message.getListenerId(), message.getSocketName(),
					ZmqListenerException.Kind.CONVERSION, ex);
		}
	}

	/** What failed in the flow, not the messaging exceptions Spring Integration wraps it in. */
	private static Throwable flowFailure(MessagingException ex) {
		Throwable failure = ex;
		while (failure instanceof MessagingException && failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
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

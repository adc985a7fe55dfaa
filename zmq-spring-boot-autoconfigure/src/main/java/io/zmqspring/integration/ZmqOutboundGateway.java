package io.zmqspring.integration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.support.AbstractIntegrationMessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqReplyTimeoutException;
import io.zmqspring.template.ZmqOperations;
import io.zmqspring.template.ZmqTemplate;

/**
 * An outbound gateway: sends each message as a request through the template's request-reply on a
 * REQ or DEALER socket, and produces the reply.
 * <p>
 * The template runs the socket as a correlating DEALER, so many requests can be in flight over one
 * connection, from any number of threads; a request without a reply within the reply timeout fails
 * with a {@link io.zmqspring.core.ZmqReplyTimeoutException}, an error reply from a starter server
 * with a {@link io.zmqspring.core.ZmqRemoteException}, and the socket goes on serving. The request's
 * payload goes as is when it is a {@code byte[]}, otherwise through the template's converter; the
 * reply's payload is its last frame, as {@code byte[]} unless a {@linkplain #setReplyPayloadType(Class)
 * reply payload type} is set. When the socket has the header frame enabled, the allowed headers
 * travel both ways ({@link ZmqOperations#sendAndReceiveAsync(String, Message, Duration)}); the
 * reply also carries the {@link io.zmqspring.listener.ZmqHeaders#SOCKET} and
 * {@link io.zmqspring.listener.ZmqHeaders#FRAMES} headers.
 * <p>
 * By default the calling thread waits for the reply. With {@link #setAsync(boolean) async} set,
 * it does not: the reply is sent on once it arrives, on the {@linkplain #setReplyExecutor reply
 * executor}, never on the socket's own thread, and a failure goes to the error channel.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundGateway extends AbstractReplyProducingMessageHandler {

	private static final long AWAIT_SLACK_MILLIS = 5000;

	private final ZmqOperations operations;

	private final String socket;

	private @Nullable ZmqMessageConverter messageConverter;

	private Class<?> replyPayloadType = byte[].class;

	private @Nullable Duration replyTimeout;

	private @Nullable Executor replyExecutor;

	/**
	 * Create a gateway on a REQ or DEALER socket configured under {@code zmq.sockets}.
	 * @param operations the template
	 * @param socket the socket's name
	 */
	public ZmqOutboundGateway(ZmqOperations operations, String socket) {
		Assert.notNull(operations, "'operations' must not be null");
		Assert.hasText(socket, "'socket' must not be empty");
		this.operations = operations;
		this.socket = socket;
	}

	/**
	 * Set how long to wait for each reply; by default the template's reply timeout.
	 * @param replyTimeout the timeout, positive
	 */
	public void setReplyTimeout(Duration replyTimeout) {
		Assert.isTrue(!replyTimeout.isNegative() && !replyTimeout.isZero(), "'replyTimeout' must be positive");
		this.replyTimeout = replyTimeout;
	}

	/**
	 * Set the type the reply's payload is converted to.
	 * @param replyPayloadType the type; {@code byte[]} by default
	 */
	public void setReplyPayloadType(Class<?> replyPayloadType) {
		Assert.notNull(replyPayloadType, "'replyPayloadType' must not be null");
		this.replyPayloadType = replyPayloadType;
	}

	/**
	 * Set the converter for the reply payload type; by default the template's (which always converts
	 * the requests).
	 * @param messageConverter the converter
	 */
	public void setMessageConverter(ZmqMessageConverter messageConverter) {
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.messageConverter = messageConverter;
	}

	/**
	 * Set where asynchronous replies are sent on, so that the flow after the gateway never runs on
	 * the socket's thread; by default the common fork-join pool.
	 * @param replyExecutor the executor
	 */
	public void setReplyExecutor(Executor replyExecutor) {
		Assert.notNull(replyExecutor, "'replyExecutor' must not be null");
		this.replyExecutor = replyExecutor;
	}

	/**
	 * Return the name of the socket the gateway sends requests on.
	 * @return the socket name
	 */
	public String getSocket() {
		return this.socket;
	}

	@Override
	public String getComponentType() {
		return "zmq:outbound-gateway";
	}

	@Override
	protected void doInit() {
		if (this.messageConverter == null && this.operations instanceof ZmqTemplate template) {
			this.messageConverter = template.getMessageConverter();
		}
		Assert.state(this.messageConverter != null, "A ZmqOutboundGateway on other ZmqOperations than a "
				+ "ZmqTemplate needs a message converter");
		if (this.replyTimeout == null) {
			this.replyTimeout = (this.operations instanceof ZmqTemplate template) ? template.getReplyTimeout()
					: Duration.ofSeconds(5);
		}
	}

	@Override
	protected @Nullable Object handleRequestMessage(Message<?> requestMessage) {
		ZmqMessageConverter converter = converter();
		Duration timeout = this.replyTimeout;
		Assert.state(timeout != null, "The gateway is not initialized");
		CompletableFuture<Message<byte[]>> reply = this.operations.sendAndReceiveAsync(this.socket, requestMessage,
				timeout);
		if (isAsync()) {
			Executor executor = (this.replyExecutor != null) ? this.replyExecutor : ForkJoinPool.commonPool();
			return reply.thenApplyAsync((message) -> replyMessage(message, converter), executor);
		}
		return replyMessage(await(reply, timeout), converter);
	}

	/**
	 * Wait for the reply. The request fails by itself once its timeout is over; the extra wait
	 * only bounds a socket that cannot complete it.
	 */
	private Message<byte[]> await(CompletableFuture<Message<byte[]>> reply, Duration timeout) {
		try {
			return reply.get(timeout.toMillis() + AWAIT_SLACK_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			reply.cancel(false);
			throw new ZmqException("Interrupted while waiting for a reply on socket '" + this.socket + "'", ex);
		}
		catch (TimeoutException ex) {
			reply.cancel(false);
			throw new ZmqReplyTimeoutException(this.socket, timeout);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new ZmqException("Request on socket '" + this.socket + "' failed", cause);
		}
	}

	/** The reply, its payload converted, with its headers: the socket, all frames, the header frame's. */
	private AbstractIntegrationMessageBuilder<?> replyMessage(Message<byte[]> reply, ZmqMessageConverter converter) {
		Object payload = reply.getPayload();
		if (this.replyPayloadType != byte[].class) {
			payload = converter.fromBytes(reply.getPayload(), this.replyPayloadType);
			Assert.state(payload != null, "The reply converted to null");
		}
		return getMessageBuilderFactory().withPayload(payload).copyHeaders(reply.getHeaders());
	}

	private ZmqMessageConverter converter() {
		ZmqMessageConverter converter = this.messageConverter;
		Assert.state(converter != null, "The gateway is not initialized");
		return converter;
	}

}

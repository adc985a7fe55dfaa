package io.zmqspring.listener;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketDefinition;

/**
 * Describes one listener: its id, the socket it receives on and what handles its messages.
 * Built from {@link io.zmqspring.annotation.ZmqListener} methods, or by hand and registered with
 * {@link ZmqListenerEndpointRegistry#registerListener(ZmqListenerEndpoint)}.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerEndpoint {

	private final String id;

	private final ZmqSocketDefinition socket;

	private final ZmqMessageListener listener;

	private int concurrency = 1;

	private boolean autoStartup = true;

	private @Nullable ZmqListenerErrorHandler errorHandler;

	private String description;

	private @Nullable ZmqBatchSettings batch;

	private @Nullable String sendTo;

	private @Nullable Duration asyncReplyTimeout;

	public ZmqListenerEndpoint(String id, ZmqSocketDefinition socket, ZmqMessageListener listener) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(socket, "'socket' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		this.id = id;
		this.socket = socket;
		this.listener = listener;
		this.description = "listener '" + id + "'";
	}

	public String getId() {
		return this.id;
	}

	public ZmqSocketDefinition getSocket() {
		return this.socket;
	}

	public ZmqMessageListener getListener() {
		return this.listener;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public @Nullable ZmqListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	public void setErrorHandler(@Nullable ZmqListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/**
	 * Return the batch settings of a batch listener.
	 * @return the settings, or {@code null} for a listener of single messages
	 */
	public @Nullable ZmqBatchSettings getBatch() {
		return this.batch;
	}

	/**
	 * Hand the listener, a {@link ZmqBatchMessageListener}, batches instead of single messages.
	 * @param batch the batch settings, or {@code null} for single messages
	 */
	public void setBatch(@Nullable ZmqBatchSettings batch) {
		this.batch = batch;
	}

	/**
	 * Return the socket the listener's return values are sent to instead of back to the peer.
	 * @return the socket name, or {@code null} to reply as usual
	 */
	public @Nullable String getSendTo() {
		return this.sendTo;
	}

	/**
	 * Send the listener's return values to a socket configured under {@code zmq.sockets}
	 * instead of back to the peer, as {@code @SendTo} does.
	 * @param sendTo the name of a PUB, XPUB, PUSH, DEALER or PAIR socket, or {@code null}
	 */
	public void setSendTo(@Nullable String sendTo) {
		this.sendTo = sendTo;
	}

	/**
	 * Return how long a result returned as a future may take, if the listener sets its own.
	 * @return the timeout, or {@code null} for the container factory's
	 */
	public @Nullable Duration getAsyncReplyTimeout() {
		return this.asyncReplyTimeout;
	}

	/**
	 * Set how long a result returned as a {@code CompletableFuture} or {@code Mono} may take.
	 * @param asyncReplyTimeout the timeout, or {@code null} for the container factory's
	 */
	public void setAsyncReplyTimeout(@Nullable Duration asyncReplyTimeout) {
		this.asyncReplyTimeout = asyncReplyTimeout;
	}

	/**
	 * Return where the listener was declared, for error messages.
	 * @return for example {@code @ZmqListener 'orders' on OrderHandler.handle}
	 */
	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

}

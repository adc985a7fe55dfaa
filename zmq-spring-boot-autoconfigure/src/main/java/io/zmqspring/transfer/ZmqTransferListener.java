package io.zmqspring.transfer;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.event.ZmqEventPublisher;
import io.zmqspring.listener.ZmqFramesListener;
import io.zmqspring.listener.ZmqListenerContext;

/**
 * A listener of chunked transfers on a ROUTER socket: its container hands it every transfer
 * message, it spools each payload to a file while granting its sender credit, and hands complete
 * payloads to a {@link ZmqTransferHandler} on the listener's executor ({@code concurrency} at a
 * time). {@code @ZmqListener} methods on a socket with {@code transfer.enabled} are adapted to
 * it; register one by hand with a {@link io.zmqspring.listener.ZmqListenerEndpoint}.
 *
 * @author zmq-spring-boot
 */
public class ZmqTransferListener implements ZmqFramesListener {

	private final ZmqTransferHandler handler;

	private final ZmqTransferSettings settings;

	private final ZmqTransferMetrics metrics;

	private final ZmqEventPublisher events;

	/** Transfers in progress, across the container's runs. */
	private final AtomicInteger active = new AtomicInteger();

	private volatile boolean gaugeRegistered;

	/**
	 * Create a listener.
	 * @param handler what handles complete payloads
	 * @param settings the socket's transfer settings
	 * @param metrics where transfers are counted
	 * @param events where aborted transfers are published
	 */
	public ZmqTransferListener(ZmqTransferHandler handler, ZmqTransferSettings settings, ZmqTransferMetrics metrics,
			ZmqEventPublisher events) {
		Assert.notNull(handler, "'handler' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(metrics, "'metrics' must not be null");
		Assert.notNull(events, "'events' must not be null");
		this.handler = handler;
		this.settings = settings;
		this.metrics = metrics;
		this.events = events;
	}

	/**
	 * Create a listener that hands each payload to a handler method, which takes it as
	 * {@link ZmqTransfer}, {@code Path}, {@code File}, {@code Resource} or {@code InputStream}
	 * (also inside a {@code Message<?>}), and {@code @Header} parameters of
	 * {@link ZmqTransferHeaders}.
	 * @param method the handler method
	 * @param description where it was declared, for errors
	 * @param settings the socket's transfer settings
	 * @param metrics where transfers are counted
	 * @param events where aborted transfers are published
	 * @return the listener
	 * @throws io.zmqspring.core.ZmqConfigurationException if the method takes no payload of
	 * those types
	 */
	public static ZmqTransferListener forMethod(InvocableHandlerMethod method, String description,
			ZmqTransferSettings settings, ZmqTransferMetrics metrics, ZmqEventPublisher events) {
		return new ZmqTransferListener(new MethodTransferHandler(method, description), settings, metrics, events);
	}

	/**
	 * Return the socket's transfer settings.
	 * @return the settings
	 */
	public ZmqTransferSettings getSettings() {
		return this.settings;
	}

	@Override
	public ZmqSocketReceiver open(ZmqListenerContext context) {
		ZmqSocketType type = context.getOwner().getDefinition().type();
		Assert.state(type == ZmqSocketType.ROUTER, () -> "Transfer listener '" + context.getListenerId()
				+ "' receives on a " + type + " socket; transfers are received on a ROUTER");
		if (!this.gaugeRegistered) {
			this.gaugeRegistered = true;
			this.metrics.active(context.getOwner().getName(), ZmqTransferMetrics.Direction.RECEIVED, this.active::get);
		}
		return new TransferReceiver(context, this.settings, this.handler, this.metrics, this.events, this.active);
	}

}

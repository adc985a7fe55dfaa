package io.zmqspring.annotation;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.event.ZmqEventPublisher;
import io.zmqspring.transfer.ZmqTransferListener;
import io.zmqspring.transfer.ZmqTransferMetrics;
import io.zmqspring.transfer.ZmqTransferRegistry;
import io.zmqspring.transfer.ZmqTransferSettings;

/**
 * Makes the listeners of sockets that carry transfers ({@code transfer.enabled}) transfer
 * listeners, which hand each payload to the method once it arrived whole.
 *
 * @author zmq-spring-boot
 */
final class TransferListeners {

	private final @Nullable ZmqTransferRegistry registry;

	private final ZmqTransferMetrics metrics;

	private final ZmqEventPublisher events;

	TransferListeners(BeanFactory beanFactory) {
		this.registry = beanFactory.getBeanProvider(ZmqTransferRegistry.class).getIfAvailable();
		this.metrics = beanFactory.getBeanProvider(ZmqTransferMetrics.class)
			.getIfAvailable(() -> ZmqTransferMetrics.NONE);
		this.events = beanFactory.getBeanProvider(ZmqEventPublisher.class).getIfAvailable(() -> ZmqEventPublisher.NONE);
	}

	/**
	 * Return the transfer listener for a method on a socket that carries transfers.
	 * @return the listener, or {@code null} if the socket does not carry transfers
	 * @throws ZmqConfigurationException if the method cannot receive transfers as declared
	 */
	@Nullable ZmqTransferListener listener(String description, ZmqSocketDefinition socket, Method method,
			InvocableHandlerMethod handler, boolean batch) {
		ZmqTransferSettings settings = (this.registry != null) ? this.registry.find(socket.name()) : null;
		if (settings == null) {
			return null;
		}
		if (socket.type() != ZmqSocketType.ROUTER) {
			throw new ZmqConfigurationException(description + " socket", socket.name(), "socket '" + socket.name()
					+ "' carries transfers as a " + socket.type() + "; transfers are received on a ROUTER socket");
		}
		if (batch) {
			throw new ZmqConfigurationException(description + " batch", true,
					"the listener's socket carries transfers, which arrive one whole payload at a time");
		}
		if (AnnotatedElementUtils.hasAnnotation(method, SendTo.class)) {
			throw new ZmqConfigurationException(description + " @SendTo", null,
					"the listener's socket carries transfers, whose senders take no reply; send with a template "
							+ "from the method");
		}
		return ZmqTransferListener.forMethod(handler, description, settings, this.metrics, this.events);
	}

}

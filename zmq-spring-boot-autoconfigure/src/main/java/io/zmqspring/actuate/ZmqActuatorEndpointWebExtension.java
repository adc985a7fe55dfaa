package io.zmqspring.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.Assert;

import io.zmqspring.actuate.ZmqActuatorEndpoint.ListenerDescriptor;
import io.zmqspring.actuate.ZmqActuatorEndpoint.ProxyDescriptor;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link ZmqActuatorEndpoint}: over
 * HTTP, starting or stopping an unknown listener, or acting on an unknown proxy, answers
 * {@code 404 Not Found} rather than {@code 204 No Content}.
 *
 * @author zmq-spring-boot
 */
@EndpointWebExtension(endpoint = ZmqActuatorEndpoint.class)
public class ZmqActuatorEndpointWebExtension {

	private final ZmqActuatorEndpoint delegate;

	/**
	 * Create a new extension.
	 * @param delegate the endpoint
	 */
	public ZmqActuatorEndpointWebExtension(ZmqActuatorEndpoint delegate) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
	}

	/**
	 * Start a listener.
	 * @param id the listener id
	 * @return the listener after the start, or {@code 404} if there is no such listener
	 */
	@WriteOperation
	public WebEndpointResponse<ListenerDescriptor> startListener(@Selector String id) {
		return respond(this.delegate.startListener(id));
	}

	/**
	 * Stop a listener.
	 * @param id the listener id
	 * @return the listener after the stop, or {@code 404} if there is no such listener
	 */
	@DeleteOperation
	public WebEndpointResponse<ListenerDescriptor> stopListener(@Selector String id) {
		return respond(this.delegate.stopListener(id));
	}

	/**
	 * Pause, resume, start or stop a proxy.
	 * @param name the proxy's name
	 * @param action {@code pause}, {@code resume}, {@code start} or {@code stop}
	 * @return the proxy after the action, or {@code 404} if there is no such proxy
	 */
	@WriteOperation
	public WebEndpointResponse<ProxyDescriptor> proxy(@Selector String name, @Selector String action) {
		return respond(this.delegate.proxy(name, action));
	}

	private static <T> WebEndpointResponse<T> respond(@Nullable T body) {
		return (body != null) ? new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}

package io.zmqspring.integration.dsl;

import org.springframework.integration.dsl.MessagingGatewaySpec;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.integration.ZmqInboundGateway;
import io.zmqspring.listener.ZmqListenerErrorHandler;

/**
 * Configures a {@link ZmqInboundGateway}; obtained from {@link ZmqIntegration}.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundGatewaySpec extends MessagingGatewaySpec<ZmqInboundGatewaySpec, ZmqInboundGateway> {

	protected ZmqInboundGatewaySpec(ZmqInboundGateway gateway) {
		super(gateway);
	}

	/**
	 * Set whether the endpoints of an inline socket that have no {@code @} or {@code >} bind.
	 * @param bind whether they bind
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec bind(boolean bind) {
		this.target.setBind(bind);
		return this;
	}

	/**
	 * Set how many requests are handed to the flow at once.
	 * @param concurrency at least one
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec concurrency(int concurrency) {
		this.target.setConcurrency(concurrency);
		return this;
	}

	/**
	 * Convert the request's payload to this type.
	 * @param payloadType the type; {@code byte[]} by default
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec payloadType(Class<?> payloadType) {
		this.target.setPayloadType(payloadType);
		return this;
	}

	/**
	 * Convert requests and replies with this converter.
	 * @param messageConverter the converter
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec messageConverter(ZmqMessageConverter messageConverter) {
		this.target.setMessageConverter(messageConverter);
		return this;
	}

	/**
	 * Hand every failure the requester gets an error reply for to this error handler, which may
	 * return a reply to send instead.
	 * @param errorHandler the error handler
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec listenerErrorHandler(ZmqListenerErrorHandler errorHandler) {
		this.target.setListenerErrorHandler(errorHandler);
		return this;
	}

}

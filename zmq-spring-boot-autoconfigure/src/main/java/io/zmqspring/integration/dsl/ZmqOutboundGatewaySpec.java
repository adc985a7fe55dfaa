package io.zmqspring.integration.dsl;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.springframework.integration.dsl.MessageHandlerSpec;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.integration.ZmqOutboundGateway;

/**
 * Configures a {@link ZmqOutboundGateway}; obtained from {@link ZmqIntegration}.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundGatewaySpec extends MessageHandlerSpec<ZmqOutboundGatewaySpec, ZmqOutboundGateway> {

	protected ZmqOutboundGatewaySpec(ZmqOutboundGateway gateway) {
		this.target = gateway;
	}

	/**
	 * Wait this long for each reply, instead of the template's reply timeout.
	 * @param replyTimeout the timeout
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec replyTimeout(Duration replyTimeout) {
		this.target.setReplyTimeout(replyTimeout);
		return this;
	}

	/**
	 * Convert the reply's payload to this type.
	 * @param replyPayloadType the type; {@code byte[]} by default
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec replyPayloadType(Class<?> replyPayloadType) {
		this.target.setReplyPayloadType(replyPayloadType);
		return this;
	}

	/**
	 * Convert replies to the reply payload type with this converter.
	 * @param messageConverter the converter
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec messageConverter(ZmqMessageConverter messageConverter) {
		this.target.setMessageConverter(messageConverter);
		return this;
	}

	/**
	 * Set whether the calling thread goes on without waiting for the reply, which is sent on once
	 * it arrives.
	 * @param async whether to send requests asynchronously
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec async(boolean async) {
		this.target.setAsync(async);
		return this;
	}

	/**
	 * Send asynchronous replies on with this executor.
	 * @param replyExecutor the executor
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec replyExecutor(Executor replyExecutor) {
		this.target.setReplyExecutor(replyExecutor);
		return this;
	}

}

package io.zmqspring.integration.dsl;

import org.springframework.integration.dsl.MessageProducerSpec;

import io.zmqspring.converter.ZmqMessageConverter;
import io.zmqspring.integration.ZmqInboundChannelAdapter;
import io.zmqspring.listener.ZmqListenerErrorHandler;

/**
 * Configures a {@link ZmqInboundChannelAdapter}; obtained from {@link ZmqIntegration}.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundChannelAdapterSpec
		extends MessageProducerSpec<ZmqInboundChannelAdapterSpec, ZmqInboundChannelAdapter> {

	protected ZmqInboundChannelAdapterSpec(ZmqInboundChannelAdapter adapter) {
		super(adapter);
	}

	/**
	 * Subscribe a SUB or XSUB socket to these topics, instead of the socket's own.
	 * @param topics the topics
	 * @return the spec
	 * @see ZmqInboundChannelAdapter#setTopics(String...)
	 */
	public ZmqInboundChannelAdapterSpec topics(String... topics) {
		this.target.setTopics(topics);
		return this;
	}

	/**
	 * Set whether the endpoints of an inline socket that have no {@code @} or {@code >} bind.
	 * @param bind whether they bind
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec bind(boolean bind) {
		this.target.setBind(bind);
		return this;
	}

	/**
	 * Set how many threads send messages into the flow.
	 * @param concurrency at least one
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec concurrency(int concurrency) {
		this.target.setConcurrency(concurrency);
		return this;
	}

	/**
	 * Convert the payload to this type.
	 * @param payloadType the type; {@code byte[]} by default
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec payloadType(Class<?> payloadType) {
		this.target.setPayloadType(payloadType);
		return this;
	}

	/**
	 * Convert the payload with this converter.
	 * @param messageConverter the converter
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec messageConverter(ZmqMessageConverter messageConverter) {
		this.target.setMessageConverter(messageConverter);
		return this;
	}

	/**
	 * Give each message an id and a timestamp header, for components that store messages by id.
	 * @param generateMessageId whether to generate them
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec generateMessageId(boolean generateMessageId) {
		this.target.setGenerateMessageId(generateMessageId);
		return this;
	}

	/**
	 * Handle the failures no error channel handles with this error handler.
	 * @param errorHandler the error handler
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec listenerErrorHandler(ZmqListenerErrorHandler errorHandler) {
		this.target.setListenerErrorHandler(errorHandler);
		return this;
	}

}

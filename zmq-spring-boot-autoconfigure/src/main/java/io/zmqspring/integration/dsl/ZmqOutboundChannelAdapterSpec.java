package io.zmqspring.integration.dsl;

import java.util.function.Function;

import org.springframework.integration.dsl.MessageHandlerSpec;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.messaging.Message;

import io.zmqspring.integration.ZmqOutboundChannelAdapter;

/**
 * Configures a {@link ZmqOutboundChannelAdapter}; obtained from {@link ZmqIntegration}.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundChannelAdapterSpec
		extends MessageHandlerSpec<ZmqOutboundChannelAdapterSpec, ZmqOutboundChannelAdapter> {

	protected ZmqOutboundChannelAdapterSpec(ZmqOutboundChannelAdapter adapter) {
		this.target = adapter;
	}

	/**
	 * Publish every message under this topic (PUB, XPUB).
	 * @param topic the topic
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec topic(String topic) {
		this.target.setTopic(topic);
		return this;
	}

	/**
	 * Publish each message under the topic a SpEL expression gives (PUB, XPUB).
	 * @param topicExpression the expression, evaluated against the message
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec topicExpression(String topicExpression) {
		this.target.setTopicExpression(PARSER.parseExpression(topicExpression));
		return this;
	}

	/**
	 * Publish each message under the topic a function gives (PUB, XPUB).
	 * @param <P> the payload type
	 * @param topicFunction the function
	 * @return the spec
	 */
	public <P> ZmqOutboundChannelAdapterSpec topicFunction(Function<Message<P>, ?> topicFunction) {
		this.target.setTopicExpression(new FunctionExpression<>(topicFunction));
		return this;
	}

	/**
	 * Send each message to the ROUTER peer whose routing id a SpEL expression gives.
	 * @param routingIdExpression the expression, evaluated against the message, giving
	 * {@code byte[]} or a UTF-8 {@code String}
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec routingIdExpression(String routingIdExpression) {
		this.target.setRoutingIdExpression(PARSER.parseExpression(routingIdExpression));
		return this;
	}

	/**
	 * Send each message to the ROUTER peer whose routing id a function gives.
	 * @param <P> the payload type
	 * @param routingIdFunction the function, giving {@code byte[]} or a UTF-8 {@code String}
	 * @return the spec
	 */
	public <P> ZmqOutboundChannelAdapterSpec routingIdFunction(Function<Message<P>, ?> routingIdFunction) {
		this.target.setRoutingIdExpression(new FunctionExpression<>(routingIdFunction));
		return this;
	}

}

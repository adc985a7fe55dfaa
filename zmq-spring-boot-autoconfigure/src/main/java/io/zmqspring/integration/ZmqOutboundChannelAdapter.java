package io.zmqspring.integration;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.integration.expression.ExpressionUtils;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.integration.support.AbstractIntegrationMessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqOperations;

/**
 * An outbound channel adapter: sends every message it handles on a socket, through the template.
 * <p>
 * Socket types: PUB and XPUB, with the topic as a plain first frame that any ZeroMQ subscriber
 * filters on (from the {@link ZmqHeaders#TOPIC} header, or a {@linkplain #setTopicExpression
 * topic expression}); PUSH, PAIR and DEALER; ROUTER, to the peer the
 * {@link ZmqHeaders#ROUTING_ID} header (or the {@linkplain #setRoutingIdExpression routing id
 * expression}) names. The payload goes as is when it is a {@code byte[]}, otherwise through the
 * template's converter; when the socket has the header frame enabled, the headers its allow-list
 * lets out go with it ({@link ZmqOperations#send(String, Message)}). The template's send policy
 * applies: a send waits up to the socket's {@code send-timeout} for room, then fails with a
 * {@link io.zmqspring.core.ZmqSendException}.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundChannelAdapter extends AbstractMessageHandler {

	private final ZmqOperations operations;

	private final String socket;

	private @Nullable Expression topicExpression;

	private @Nullable Expression routingIdExpression;

	private @Nullable EvaluationContext evaluationContext;

	/**
	 * Create an adapter sending on a socket configured under {@code zmq.sockets}.
	 * @param operations the template
	 * @param socket the socket's name
	 */
	public ZmqOutboundChannelAdapter(ZmqOperations operations, String socket) {
		Assert.notNull(operations, "'operations' must not be null");
		Assert.hasText(socket, "'socket' must not be empty");
		this.operations = operations;
		this.socket = socket;
	}

	/**
	 * Set the topic of every message (PUB and XPUB).
	 * @param topic the topic
	 */
	public void setTopic(String topic) {
		setTopicExpression(new LiteralExpression(topic));
	}

	/**
	 * Set the expression that gives each message's topic (PUB and XPUB), evaluated against the
	 * message; by default the {@link ZmqHeaders#TOPIC} header.
	 * @param topicExpression the expression
	 */
	public void setTopicExpression(Expression topicExpression) {
		Assert.notNull(topicExpression, "'topicExpression' must not be null");
		this.topicExpression = topicExpression;
	}

	/**
	 * Set the expression that gives the routing id of the peer each message goes to (ROUTER),
	 * as {@code byte[]} or a UTF-8 {@code String}; by default the {@link ZmqHeaders#ROUTING_ID}
	 * header.
	 * @param routingIdExpression the expression
	 */
	public void setRoutingIdExpression(Expression routingIdExpression) {
		Assert.notNull(routingIdExpression, "'routingIdExpression' must not be null");
		this.routingIdExpression = routingIdExpression;
	}

	/**
	 * Return the name of the socket the adapter sends on.
	 * @return the socket name
	 */
	public String getSocket() {
		return this.socket;
	}

	@Override
	public String getComponentType() {
		return "zmq:outbound-channel-adapter";
	}

	@Override
	protected void onInit() {
		super.onInit();
		this.evaluationContext = ExpressionUtils.createStandardEvaluationContext(getBeanFactory());
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		Message<?> toSend = message;
		if (this.topicExpression != null || this.routingIdExpression != null) {
			AbstractIntegrationMessageBuilder<?> builder = getMessageBuilderFactory().fromMessage(message);
			setHeader(builder, ZmqHeaders.TOPIC, this.topicExpression, message);
			setHeader(builder, ZmqHeaders.ROUTING_ID, this.routingIdExpression, message);
			toSend = builder.build();
		}
		this.operations.send(this.socket, toSend);
	}

	private void setHeader(AbstractIntegrationMessageBuilder<?> builder, String header,
			@Nullable Expression expression, Message<?> message) {
		if (expression != null) {
			Object value = expression.getValue(this.evaluationContext, message);
			if (value != null) {
				builder.setHeader(header, (value instanceof byte[]) ? value : value.toString());
			}
		}
	}

}

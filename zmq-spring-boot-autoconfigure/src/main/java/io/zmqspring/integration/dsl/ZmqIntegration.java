package io.zmqspring.integration.dsl;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.integration.ZmqInboundChannelAdapter;
import io.zmqspring.integration.ZmqInboundGateway;
import io.zmqspring.integration.ZmqOutboundChannelAdapter;
import io.zmqspring.integration.ZmqOutboundGateway;
import io.zmqspring.listener.ZmqListenerContainerFactory;
import io.zmqspring.template.ZmqOperations;

/**
 * The Java DSL entry points for ZeroMQ channel adapters and gateways on the starter's sockets.
 * The auto-configuration provides one, bound to the application's
 * {@link ZmqListenerContainerFactory} and template:
 *
 * <pre class="code">
 * &#64;Bean
 * IntegrationFlow orders(ZmqIntegration zmq) {
 *     return IntegrationFlow.from(zmq.inboundAdapter("orders").payloadType(String.class))
 *         .transform(String::toUpperCase)
 *         .handle(zmq.outboundAdapter("prices").topic("quotes"))
 *         .get();
 * }
 * </pre>
 *
 * Inbound components receive through listener containers from the factory, outbound components
 * send through the template.
 *
 * @author zmq-spring-boot
 */
public class ZmqIntegration {

	private final ZmqListenerContainerFactory containerFactory;

	private final ZmqOperations operations;

	/**
	 * Create the entry points.
	 * @param containerFactory the factory of the inbound components' listener containers
	 * @param operations the template the outbound components send through
	 */
	public ZmqIntegration(ZmqListenerContainerFactory containerFactory, ZmqOperations operations) {
		Assert.notNull(containerFactory, "'containerFactory' must not be null");
		Assert.notNull(operations, "'operations' must not be null");
		this.containerFactory = containerFactory;
		this.operations = operations;
	}

	/**
	 * An inbound channel adapter on a configured socket (SUB, PULL, PAIR, DEALER, ROUTER, XSUB).
	 * @param socket the socket's name under {@code zmq.sockets}
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec inboundAdapter(String socket) {
		return new ZmqInboundChannelAdapterSpec(new ZmqInboundChannelAdapter(this.containerFactory, socket));
	}

	/**
	 * An inbound channel adapter on a socket of its own, named after the adapter's id.
	 * @param type SUB, PULL, PAIR, DEALER, ROUTER or XSUB
	 * @param endpoints the endpoints, {@code @} to bind and {@code >} to connect
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec inboundAdapter(ZmqSocketType type, String... endpoints) {
		return new ZmqInboundChannelAdapterSpec(new ZmqInboundChannelAdapter(this.containerFactory, type, endpoints));
	}

	/**
	 * An outbound channel adapter on a configured socket (PUB, XPUB, PUSH, PAIR, DEALER, ROUTER).
	 * @param socket the socket's name under {@code zmq.sockets}
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec outboundAdapter(String socket) {
		return new ZmqOutboundChannelAdapterSpec(new ZmqOutboundChannelAdapter(this.operations, socket));
	}

	/**
	 * An inbound gateway on a configured REP or ROUTER socket.
	 * @param socket the socket's name under {@code zmq.sockets}
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec inboundGateway(String socket) {
		return new ZmqInboundGatewaySpec(new ZmqInboundGateway(this.containerFactory, socket));
	}

	/**
	 * An inbound gateway on a REP or ROUTER socket of its own, named after the gateway's id.
	 * @param type REP or ROUTER
	 * @param endpoints the endpoints, {@code @} to bind and {@code >} to connect
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec inboundGateway(ZmqSocketType type, String... endpoints) {
		return new ZmqInboundGatewaySpec(new ZmqInboundGateway(this.containerFactory, type, endpoints));
	}

	/**
	 * An outbound gateway on a configured REQ or DEALER socket.
	 * @param socket the socket's name under {@code zmq.sockets}
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec outboundGateway(String socket) {
		return new ZmqOutboundGatewaySpec(new ZmqOutboundGateway(this.operations, socket));
	}

}

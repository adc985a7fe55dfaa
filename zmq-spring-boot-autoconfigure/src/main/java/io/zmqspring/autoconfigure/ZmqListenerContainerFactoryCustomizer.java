package io.zmqspring.autoconfigure;

import io.zmqspring.listener.ZmqListenerContainerFactory;

/**
 * Callback to customize the auto-configured {@link ZmqListenerContainerFactory}, for example to
 * set a default error handler.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqListenerContainerFactoryCustomizer {

	/**
	 * Customize the factory.
	 * @param factory the factory
	 */
	void customize(ZmqListenerContainerFactory factory);

}

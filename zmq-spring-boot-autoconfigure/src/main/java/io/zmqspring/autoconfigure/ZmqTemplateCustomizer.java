package io.zmqspring.autoconfigure;

import io.zmqspring.template.ZmqTemplate;

/**
 * Callback to customize the auto-configured {@link ZmqTemplate}.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqTemplateCustomizer {

	/**
	 * Customize the template.
	 * @param template the template
	 */
	void customize(ZmqTemplate template);

}

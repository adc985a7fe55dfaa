package io.zmqspring.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.InitializingBean;

import io.zmqspring.proxy.ZmqProxy;
import io.zmqspring.proxy.ZmqProxyRegistry;

/**
 * Meters on each proxy, tagged with the proxy's name: {@code zmq.proxy.messages} (also tagged
 * with the {@code direction}, {@code frontend-to-backend} or {@code backend-to-frontend}),
 * {@code zmq.proxy.dropped} and {@code zmq.proxy.failures}. The proxy's thread keeps the figures
 * with plain stores; the meters read them when scraped.
 *
 * @author zmq-spring-boot
 */
final class ZmqProxyMeters implements InitializingBean {

	private final MeterRegistry registry;

	private final ZmqProxyRegistry proxies;

	ZmqProxyMeters(MeterRegistry registry, ZmqProxyRegistry proxies) {
		this.registry = registry;
		this.proxies = proxies;
	}

	@Override
	public void afterPropertiesSet() {
		for (ZmqProxy proxy : this.proxies.getProxies()) {
			for (ZmqProxy.Direction direction : ZmqProxy.Direction.values()) {
				FunctionCounter.builder("zmq.proxy.messages", proxy, (measured) -> measured.getMessages(direction))
					.description("Messages the proxy forwarded")
					.baseUnit("messages")
					.tags("proxy", proxy.getName(), "direction", direction.tag())
					.register(this.registry);
			}
			FunctionCounter.builder("zmq.proxy.dropped", proxy, ZmqProxy::getDropped)
				.description("Messages the proxy received but could not forward")
				.baseUnit("messages")
				.tags("proxy", proxy.getName())
				.register(this.registry);
			FunctionCounter.builder("zmq.proxy.failures", proxy, ZmqProxy::getFailures)
				.description("Times the proxy failed and opened its sockets again")
				.tags("proxy", proxy.getName())
				.register(this.registry);
		}
	}

}

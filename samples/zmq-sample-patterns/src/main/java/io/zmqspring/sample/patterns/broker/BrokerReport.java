package io.zmqspring.sample.patterns.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.zmqspring.proxy.ZmqProxy;
import io.zmqspring.proxy.ZmqProxyRegistry;

/**
 * Logs what the broker's proxy forwarded, every few seconds while it changes.
 */
@Component
@Profile("proxy")
class BrokerReport {

	private static final Logger logger = LoggerFactory.getLogger(BrokerReport.class);

	private final ZmqProxyRegistry proxies;

	private long reported;

	BrokerReport(ZmqProxyRegistry proxies) {
		this.proxies = proxies;
	}

	@Scheduled(fixedDelay = 5000)
	void report() {
		ZmqProxy proxy = this.proxies.getProxy("ticks");
		if (proxy == null) {
			return;
		}
		long messages = proxy.getMessages(ZmqProxy.Direction.FRONTEND_TO_BACKEND);
		long subscriptions = proxy.getMessages(ZmqProxy.Direction.BACKEND_TO_FRONTEND);
		if (messages + subscriptions != this.reported) {
			this.reported = messages + subscriptions;
			logger.info("Broker {}: forwarded {} messages to subscribers and {} subscriptions to publishers",
					proxy.getState(), messages, subscriptions);
		}
	}

}

package io.zmqspring.autoconfigure;

import org.h2.mvstore.MVStore;
import org.zeromq.ZContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.outbox.ZmqDeduplicators;
import io.zmqspring.outbox.ZmqOutboxes;

/**
 * Auto-configuration of durable outboxes ({@code zmq.sockets.<name>.outbox.*}), with H2's
 * MVStore on the class path: the {@link ZmqOutboxes} the template hands the messages of outbox
 * sockets to, and the {@link ZmqDeduplicators} of the listener sockets that acknowledge them.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({ ZContext.class, MVStore.class })
public class ZmqOutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqOutboxes zmqOutboxes(ZmqSocketFactory zmqSocketFactory, ZmqProperties properties, ZmqMetrics zmqMetrics) {
		ZmqOutboxes outboxes = new ZmqOutboxes(zmqSocketFactory, ZmqOutboxDefinitions.outboxes(properties),
				zmqMetrics);
		outboxes.setStopTimeout(properties.getContext().getShutdownTimeout());
		return outboxes;
	}

	@Bean
	ZmqTemplateCustomizer zmqOutboxTemplateCustomizer(ZmqOutboxes zmqOutboxes) {
		return (template) -> {
			if (!zmqOutboxes.getSocketNames().isEmpty()) {
				template.setDurableSends(zmqOutboxes);
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqDeduplicators zmqDeduplicators(ZmqProperties properties, ZmqMetrics zmqMetrics) {
		ZmqDeduplicators deduplicators = new ZmqDeduplicators(ZmqOutboxDefinitions.deduplicators(properties),
				zmqMetrics);
		deduplicators.setCloseTimeout(properties.getContext().getShutdownTimeout());
		return deduplicators;
	}

	@Bean
	ZmqListenerContainerFactoryCustomizer zmqDeduplicatingListenerCustomizer(ZmqDeduplicators zmqDeduplicators) {
		return (factory) -> factory.setDeliveryTrackers(zmqDeduplicators::get);
	}

}

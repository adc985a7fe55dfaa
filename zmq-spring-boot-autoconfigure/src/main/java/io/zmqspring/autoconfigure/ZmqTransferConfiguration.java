package io.zmqspring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.transfer.MicrometerZmqTransferMetrics;
import io.zmqspring.transfer.ZmqTransferMetrics;
import io.zmqspring.transfer.ZmqTransferRegistry;
import io.zmqspring.transfer.ZmqTransferTemplate;

/**
 * Chunked transfers ({@code zmq.sockets.<name>.transfer.*}), imported by
 * {@link ZmqAutoConfiguration}: the settings of the sockets that carry them, the
 * {@link ZmqTransferTemplate} that sends them and their meters. {@code @ZmqListener} methods on
 * a ROUTER socket with {@code transfer.enabled} receive them. Every bean backs off when the
 * application declares its own.
 *
 * @author zmq-spring-boot
 */
@Configuration(proxyBeanMethods = false)
class ZmqTransferConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqTransferRegistry zmqTransferRegistry(ZmqProperties properties, ZmqSocketRegistry zmqSocketRegistry) {
		return new ZmqTransferRegistry(ZmqTransferDefinitions.transfers(properties, zmqSocketRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqTransferTemplate zmqTransferTemplate(ZmqSocketFactory zmqSocketFactory, ZmqTransferRegistry zmqTransferRegistry,
			ZmqTransferMetrics zmqTransferMetrics, ZmqMetrics zmqMetrics, Environment environment) {
		ZmqTransferTemplate template = new ZmqTransferTemplate(zmqSocketFactory, zmqTransferRegistry);
		template.setMetrics(zmqTransferMetrics);
		template.setSocketMetrics(zmqMetrics);
		if (Threading.VIRTUAL.isActive(environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("zmq-transfer-");
			executor.setVirtualThreads(true);
			template.setTaskExecutor(executor);
		}
		return template;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerTransferMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqTransferMetrics zmqTransferMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			MeterRegistry registry = meterRegistry.getIfUnique();
			return (registry != null) ? new MicrometerZmqTransferMetrics(registry) : ZmqTransferMetrics.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
	static class NoTransferMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqTransferMetrics zmqTransferMetrics() {
			return ZmqTransferMetrics.NONE;
		}

	}

}

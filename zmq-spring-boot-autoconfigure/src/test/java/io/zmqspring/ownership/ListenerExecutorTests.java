package io.zmqspring.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqListenerContainerFactoryCustomizer;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handler workers run on a Spring {@code TaskExecutor}, which an application can choose, while
 * the socket itself stays with its owner thread.
 */
class ListenerExecutorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void handlerWorkersRunOnTheApplicationsTaskExecutor() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(WorkerListener.class, CustomExecutor.class)
			.withPropertyValues("pull=" + endpoint, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 20; i++) {
					template.send("out", ("m" + i).getBytes(StandardCharsets.UTF_8));
				}
				WorkerListener listener = context.getBean(WorkerListener.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.size() == 20);
				assertThat(listener.threads).isNotEmpty().allMatch((name) -> name.startsWith("app-worker-"));
			});
	}

	@Test
	void handlerWorkersDefaultToDaemonThreadsNamedAfterTheListenerAndTheSocketToItsOwner() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(WorkerListener.class)
			.withPropertyValues("pull=" + endpoint, "zmq.sockets.out.type=PUSH", "zmq.sockets.out.endpoints=>" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTemplate.class).send("out", "one".getBytes(StandardCharsets.UTF_8));
				WorkerListener listener = context.getBean(WorkerListener.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> !listener.received.isEmpty());
				assertThat(listener.threads).allMatch((name) -> name.startsWith("zmq-listener-workers-"));
				assertThat(Thread.getAllStackTraces().keySet()).anySatisfy((thread) -> {
					assertThat(thread.getName()).isEqualTo("zmq-socket-workers");
					assertThat(thread.isDaemon()).isTrue();
				});
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class WorkerListener {

		final Set<String> received = ConcurrentHashMap.newKeySet();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		@ZmqListener(id = "workers", type = "PULL", endpoints = "@${pull}", concurrency = "3")
		void receive(String message) {
			this.threads.add(Thread.currentThread().getName());
			this.received.add(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomExecutor {

		@Bean
		ZmqListenerContainerFactoryCustomizer applicationExecutor() {
			return (factory) -> factory.setTaskExecutor(new SimpleAsyncTaskExecutor("app-worker-"));
		}

	}

}

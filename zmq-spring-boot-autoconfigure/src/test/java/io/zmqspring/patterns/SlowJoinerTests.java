package io.zmqspring.patterns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqException;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The slow-joiner problem of PUB/SUB: a publisher with {@code wait-for-subscribers} holds its
 * first send until its subscribers' subscriptions arrived, so a subscriber that is running or
 * starting when the publisher starts misses nothing.
 */
class SlowJoinerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int COUNT = 1000;

	private static final List<String> SENT = IntStream.range(0, COUNT).mapToObj((i) -> "m-" + i).toList();

	@Test
	void subscriberAppRunningBeforeAPublisherSendingOnApplicationReadyGetsEveryMessage() {
		String endpoint = FreePorts.tcp();
		// connecting to an address nobody binds yet: it retries with back-off, up to 5 s apart
		try (ConfigurableApplicationContext subscribing = app(SubscriberApp.class, "news=" + endpoint);
				ConfigurableApplicationContext publisher = app(PublisherApp.class, "zmq.sockets.news.type=PUB",
						"zmq.sockets.news.endpoints=@" + endpoint, "zmq.sockets.news.wait-for-subscribers=1",
						"zmq.sockets.news.wait-for-subscribers-timeout=30s")) {
			SubscriberApp received = subscribing.getBean(SubscriberApp.class);
			await().atMost(TIMEOUT).until(() -> received.messages.size() >= COUNT);
			assertThat(received.messages).containsExactlyElementsOf(SENT);
			assertThat(publisher.getBean(PublisherApp.class).sent.join()).isEqualTo(COUNT);
		}
	}

	@Test
	void subscriberThatConnectsWhileThePublisherWaitsGetsEveryMessage() {
		String endpoint = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@" + endpoint,
					"zmq.sockets.news.wait-for-subscribers=2",
					// two applications start, one after the other, and a connect may stall before
					// its handshake for the handshake interval: longer than the default 10 s
					"zmq.sockets.news.wait-for-subscribers-timeout=30s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				CompletableFuture<Void> sending = CompletableFuture
					.runAsync(() -> SENT.forEach((message) -> template.convertAndSend("news", "weather", message)));
				try (ConfigurableApplicationContext first = app(SubscriberApp.class, "news=" + endpoint);
						ConfigurableApplicationContext second = app(SubscriberApp.class, "news=" + endpoint)) {
					sending.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
					for (ConfigurableApplicationContext subscriber : List.of(first, second)) {
						SubscriberApp received = subscriber.getBean(SubscriberApp.class);
						await().atMost(TIMEOUT).until(() -> received.messages.size() >= COUNT);
						assertThat(received.messages).containsExactlyElementsOf(SENT);
					}
				}
			});
	}

	@Test
	void awaitSubscribersTellsWhetherTheSubscriptionsArrivedInTime() {
		String endpoint = FreePorts.tcp();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.news.type=XPUB", "zmq.sockets.news.endpoints=@" + endpoint,
					"zmq.sockets.news.wait-for-subscribers=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.awaitSubscribers("news", 1, Duration.ofMillis(200))).isFalse();
				try (ConfigurableApplicationContext subscriber = app(SubscriberApp.class, "news=" + endpoint)) {
					assertThat(template.awaitSubscribers("news", 1, TIMEOUT)).isTrue();
					template.convertAndSend("news", "weather", "first");
					SubscriberApp received = subscriber.getBean(SubscriberApp.class);
					await().atMost(TIMEOUT).until(() -> received.messages.contains("first"));
					assertThat(received.messages).containsExactly("first");
				}
			});
	}

	@Test
	void firstSendGoesOutAfterTheTimeoutWhenTheSubscribersDoNotCome() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@" + FreePorts.tcp(),
					"zmq.sockets.news.wait-for-subscribers=1", "zmq.sockets.news.wait-for-subscribers-timeout=200ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				long start = System.nanoTime();
				template.convertAndSend("news", "weather", "nobody listens");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
				long second = System.nanoTime();
				template.convertAndSend("news", "weather", "still nobody");
				assertThat(Duration.ofNanos(System.nanoTime() - second)).as("only the first send waits")
					.isLessThan(Duration.ofMillis(200));
			});
	}

	@Test
	void awaitSubscribersOnAPublisherThatDoesNotCountFailsNamingTheProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@" + FreePorts.tcp())
			.run((context) -> assertThatExceptionOfType(ZmqException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class).awaitSubscribers("news", 1, TIMEOUT))
				.withMessageContaining("zmq.sockets.news.wait-for-subscribers"));
	}

	@Test
	void waitForSubscribersOnASocketWithoutSubscribersFailsNamingTheProperty() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withPropertyValues("zmq.sockets.jobs.type=PUSH", "zmq.sockets.jobs.endpoints=>" + FreePorts.tcp(),
					"zmq.sockets.jobs.wait-for-subscribers=1")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof ZmqConfigurationException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(ZmqConfigurationException.class);
				assertThat(((ZmqConfigurationException) failure).getProperty())
					.isEqualTo("zmq.sockets.jobs.wait-for-subscribers");
				assertThat(((ZmqConfigurationException) failure).getReason()).contains("PUB or XPUB");
			});
	}

	private static ConfigurableApplicationContext app(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PublisherApp {

		final CompletableFuture<Integer> sent = new CompletableFuture<>();

		@EventListener
		void ready(ApplicationReadyEvent event) {
			ZmqTemplate template = event.getApplicationContext().getBean(ZmqTemplate.class);
			SENT.forEach((message) -> template.convertAndSend("news", "weather", message));
			this.sent.complete(SENT.size());
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SubscriberApp {

		final List<String> messages = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "SUB", endpoints = ">${news}", topics = "weather")
		void news(String message) {
			this.messages.add(message);
		}

	}

}

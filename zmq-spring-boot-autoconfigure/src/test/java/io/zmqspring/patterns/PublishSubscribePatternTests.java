package io.zmqspring.patterns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PUB/SUB end to end: a template PUB socket against SUB listeners subscribed to topics. A
 * subscriber joins late (slow joiner), so each test first re-sends a handshake message until it
 * arrives.
 */
class PublishSubscribePatternTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	private ApplicationContextRunner publisher(Transport transport, Class<?> listeners) {
		String endpoint = transport.endpoint();
		return this.runner.withUserConfiguration(listeners)
			.withPropertyValues("news=" + endpoint, "zmq.sockets.news.type=PUB",
					"zmq.sockets.news.endpoints=@" + endpoint);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void eachSubscriberReceivesOnlyItsTopicsWithTheTopicHeader(Transport transport) {
		publisher(transport, Desks.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			Desks desks = context.getBean(Desks.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				template.send("news", "sports", "hello".getBytes());
				assertThat(desks.weather).contains("sports|hello");
				assertThat(desks.sports).contains("sports|hello");
			});
			template.send("news", "politics", "p1".getBytes());
			template.send("news", "weather", "w1".getBytes());
			template.send("news", "sports", "s1".getBytes());
			template.send("news", "politics", "p2".getBytes());
			template.send("news", "weather", "w2".getBytes());
			template.send("news", "sports", "end".getBytes());
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(desks.weather).contains("sports|end");
				assertThat(desks.sports).contains("sports|end");
			});
			assertThat(withoutHandshakes(desks.weather)).containsExactly("weather|w1", "sports|s1", "weather|w2",
					"sports|end");
			assertThat(withoutHandshakes(desks.sports)).containsExactly("sports|s1", "sports|end");
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void convertedRecordsArriveUnderTheirTopic(Transport transport) {
		publisher(transport, ReadingListener.class)
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ReadingListener listener = context.getBean(ReadingListener.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					template.convertAndSend("news", "sensor.handshake", new Reading("none", 0));
					assertThat(listener.received).isNotEmpty();
				});
				template.convertAndSend("news", "other.kitchen", new Reading("kitchen", 99.0));
				template.convertAndSend("news", "sensor.kitchen", new Reading("kitchen", 21.5));
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(listener.received)
						.contains(new Received("sensor.kitchen", new Reading("kitchen", 21.5))));
				assertThat(listener.received).extracting(Received::topic)
					.allMatch((topic) -> topic.startsWith("sensor."));
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void configuredSubSocketUsesItsConfiguredTopics(Transport transport) {
		String endpoint = transport.endpoint();
		this.runner.withUserConfiguration(TickerListener.class)
			.withPropertyValues("zmq.sockets.quotes.type=PUB", "zmq.sockets.quotes.endpoints=@" + endpoint,
					"zmq.sockets.ticker.type=SUB", "zmq.sockets.ticker.endpoints=>" + endpoint,
					"zmq.sockets.ticker.topics=ZMQ,JMQ")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				TickerListener listener = context.getBean(TickerListener.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					template.send("quotes", "ZMQ", "hello".getBytes());
					assertThat(listener.received).contains("ZMQ|hello");
				});
				template.send("quotes", "AMQ", "1".getBytes());
				template.send("quotes", "JMQ", "2".getBytes());
				template.send("quotes", "ZMQ", "end".getBytes());
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listener.received).contains("ZMQ|end"));
				assertThat(withoutHandshakes(listener.received)).containsExactly("JMQ|2", "ZMQ|end");
			});
	}

	@Test
	void xsubListenerReceivesTheTopicsItSubscribesTo() {
		String endpoint = FreePorts.tcp();
		this.runner.withUserConfiguration(ExtendedSubscriber.class)
			.withPropertyValues("news=" + endpoint, "zmq.sockets.news.type=PUB", "zmq.sockets.news.endpoints=@" + endpoint)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ExtendedSubscriber listener = context.getBean(ExtendedSubscriber.class);
				await().atMost(TIMEOUT).untilAsserted(() -> {
					template.send("news", "weather", "hello".getBytes());
					assertThat(listener.received).contains("weather|hello");
				});
				template.send("news", "politics", "p1".getBytes());
				template.send("news", "weather", "end".getBytes());
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listener.received).contains("weather|end"));
				assertThat(withoutHandshakes(listener.received)).containsExactly("weather|end");
			});
	}

	private static List<String> withoutHandshakes(List<String> received) {
		return received.stream().filter((message) -> !message.endsWith("|hello")).toList();
	}

	record Reading(String room, double celsius) {
	}

	record Received(String topic, Reading reading) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Desks {

		final List<String> weather = new CopyOnWriteArrayList<>();

		final List<String> sports = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "SUB", endpoints = ">${news}", topics = { "weather", "sports" })
		void weatherDesk(@Header(ZmqHeaders.TOPIC) String topic, String payload) {
			this.weather.add(topic + "|" + payload);
		}

		@ZmqListener(type = "SUB", endpoints = ">${news}", topics = "sports")
		void sportsDesk(@Header(ZmqHeaders.TOPIC) String topic, String payload) {
			this.sports.add(topic + "|" + payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReadingListener {

		final List<Received> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "SUB", endpoints = ">${news}", topics = "sensor.")
		void onReading(@Header(ZmqHeaders.TOPIC) String topic, @Payload Reading reading) {
			this.received.add(new Received(topic, reading));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExtendedSubscriber {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(type = "XSUB", endpoints = ">${news}", topics = "weather")
		void on(@Header(ZmqHeaders.TOPIC) String topic, String payload) {
			this.received.add(topic + "|" + payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TickerListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "ticker")
		void onQuote(@Header(ZmqHeaders.TOPIC) String topic, String payload) {
			this.received.add(topic + "|" + payload);
		}

	}

}

package io.zmqspring.sample.patterns.pubsub;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Publish-subscribe with topics: a publisher sends numbered weather and sports updates
 * ({@link Publisher}, profile {@code publisher}), subscribers take the topics they chose
 * ({@link Subscriber}, profile {@code subscriber}). The publisher's first send waits for its
 * subscribers ({@code wait-for-subscribers}), so a subscriber that connects a moment later still
 * gets update #1: no slow joiner. Configuration: {@code application-pubsub.yml}.
 */
@SpringBootApplication
@EnableScheduling
public class PubSubSample {

}

package io.zmqspring.sample.patterns.broker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * An XSUB/XPUB broker between publishers and subscribers that know only the broker's address.
 * The broker (profile {@code proxy}) is configuration only: {@code zmq.proxies.ticks} in
 * {@code application-broker.yml}; {@link BrokerReport} just logs what it forwarded. Publishers
 * ({@link TickPublisher}, profile {@code publisher}) connect to its frontend, subscribers
 * ({@link TickSubscriber}, profile {@code subscriber}) to its backend, and subscriptions travel
 * upstream through it, so a publisher's {@code wait-for-subscribers} sees them.
 */
@SpringBootApplication
@EnableScheduling
public class BrokerSample {

}

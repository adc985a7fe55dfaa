package io.zmqspring.sample.patterns.asyncsrv;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Guide's asynchronous client/server: a ROUTER server ({@link Server}, profile
 * {@code server}) whose listener returns a {@code CompletableFuture}, so one socket thread
 * serves any number of pending requests, and DEALER clients ({@link Client}, profile
 * {@code client}) that have many requests in flight at once over one connection, their replies
 * arriving out of order and matched by the template. Run several clients, each with its own
 * {@code asyncsrv.client-name}. Configuration: {@code application-asyncsrv.yml}.
 */
@SpringBootApplication
@EnableScheduling
public class AsyncServerSample {

}

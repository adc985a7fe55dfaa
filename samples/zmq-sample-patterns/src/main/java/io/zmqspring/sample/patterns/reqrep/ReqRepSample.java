package io.zmqspring.sample.patterns.reqrep;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Request-reply: a REP server prices symbols ({@link PricingServer}, profile {@code server}), a
 * REQ client asks for a few ({@link PricingClient}, profile {@code client}). A request the
 * server fails on gets an error reply, so the client never waits in vain. Configuration:
 * {@code application-reqrep.yml}.
 */
@SpringBootApplication
public class ReqRepSample {

}

package io.zmqspring.sample.patterns.chat;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A chat room. Clients ({@link ChatClient}, profile {@code client}) push what is typed on
 * standard input and a heartbeat every second to the hub ({@link ChatHub}, profile {@code hub}),
 * which publishes every post, who is present, and who joined or left, to all clients. A client
 * that goes away without a word ({@code kill -9}, a lost network) stops heartbeating and the
 * hub announces it gone once it has been silent for {@code chat.presence-timeout}.
 * Configuration: {@code application-chat.yml}.
 */
@SpringBootApplication
@EnableScheduling
public class ChatSample {

}

package io.zmqspring.test.support.example;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.support.ZmqAwait;
import io.zmqspring.test.support.ZmqRecorder;
import io.zmqspring.test.support.ZmqTestPeer;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {
		"zmq.sockets.greetings.endpoints=@${zmq-test.endpoint.greetings}",
		"zmq.sockets.greeted.endpoints=@${zmq-test.endpoint.greeted}",
		"zmq.sockets.greeted.wait-for-subscribers=0" })   // count subscriptions, for ZmqAwait.subscribers
class GreeterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Value("${zmq-test.endpoint.greetings}")
	String greetings;

	@Autowired
	ZmqTemplate zmq;

	@Autowired
	Audit audit;

	@Test
	void answersARawReqClient() {
		try (ZmqTestPeer client = ZmqTestPeer.connect(SocketType.REQ, this.greetings)) {
			assertThat(client.request("Ada", TIMEOUT).text()).isEqualTo("Hello, Ada");
		}
	}

	@Test
	void publishesEveryGreeting() {
		ZmqAwait.subscribers(this.zmq, "greeted", 1, TIMEOUT);   // the Audit listener has subscribed
		try (ZmqTestPeer client = ZmqTestPeer.connect(SocketType.REQ, this.greetings)) {
			client.request("Grace", TIMEOUT);
		}
		assertThat(this.audit.greeted.await("Grace"::equals, TIMEOUT)).isEqualTo("Grace");
	}

	@TestConfiguration
	static class Audit {

		final ZmqRecorder<String> greeted = new ZmqRecorder<>();

		@ZmqListener(type = "SUB", endpoints = ">${zmq-test.endpoint.greeted}", topics = "greeted")
		void greeted(String name) {
			this.greeted.record(name);
		}

	}

}

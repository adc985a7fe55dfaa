package io.zmqspring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.zmqspring.metrics.ZmqMetrics;
import zmq.Msg;
import zmq.msg.MsgAllocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The context supervisor, the socket guard and the default max message size of bound sockets.
 */
class ZmqContextSupervisorTests {

	private final ZContext context = new ZContext(1);

	private final List<String> recorded = new ArrayList<>();

	private final ZmqMetrics metrics = new ZmqMetrics() {

		@Override
		public void protocolViolation(String socket, String reason) {
			ZmqContextSupervisorTests.this.recorded.add("violation:" + socket + ":" + reason);
		}

		@Override
		public void ioThreadFault(String kind) {
			ZmqContextSupervisorTests.this.recorded.add("fault:" + kind);
		}

	};

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void supervisedContextIsFoundAgainAndTracksItsThreads() {
		ZmqContextSupervisor supervisor = ZmqContextSupervisor.supervise(this.context, this.metrics);
		assertThat(ZmqContextSupervisor.of(this.context)).isSameAs(supervisor);
		assertThat(supervisor.getThreads()).isEmpty();
		ZMQ.Socket socket = this.context.createSocket(SocketType.PULL);
		assertThat(supervisor.getThreads()).isNotEmpty().allMatch(Thread::isAlive).allMatch(Thread::isDaemon);
		assertThat(supervisor.isHealthy()).isTrue();
		socket.close();
	}

	@Test
	void superviseAfterTheFirstSocketFails() {
		this.context.createSocket(SocketType.PULL).close();
		assertThatIllegalStateException().isThrownBy(() -> ZmqContextSupervisor.supervise(this.context, this.metrics));
		assertThat(ZmqContextSupervisor.of(this.context)).isNull();
	}

	@Test
	void exceptionsThePollerSurvivesAreCountedInsteadOfPrinted() {
		ZmqContextSupervisor supervisor = ZmqContextSupervisor.supervise(this.context, this.metrics);
		this.context.getNotificationExceptionHandler()
			.uncaughtException(Thread.currentThread(), new IllegalStateException("poller"));
		assertThat(supervisor.getRecoveredFaults()).isOne();
		assertThat(supervisor.isHealthy()).isTrue();
		assertThat(this.recorded).containsExactly("fault:recovered");
	}

	@Test
	void aContextThreadThatDiesIsCountedAndMakesTheContextUnhealthy() throws InterruptedException {
		ZmqContextSupervisor supervisor = ZmqContextSupervisor.supervise(this.context, this.metrics);
		Thread thread = this.context.getThreadFactory().apply(() -> {
			throw new AssertionError("simulated I/O thread failure");
		}, "iothread-simulated");
		thread.start();
		thread.join(Duration.ofSeconds(10).toMillis());
		assertThat(supervisor.getFatalFaults()).isOne();
		assertThat(supervisor.isHealthy()).isFalse();
		assertThat(this.recorded).containsExactly("fault:fatal");
	}

	@Test
	void guardWrapsTheSocketsAllocatorOnceWithItsMaxMessageSize() {
		ZmqContextSupervisor supervisor = ZmqContextSupervisor.supervise(this.context, this.metrics);
		ZMQ.Socket socket = this.context.createSocket(SocketType.PULL);
		MsgAllocator custom = Msg::new;
		socket.setMsgAllocator(custom);
		socket.setMaxMsgSize(100);
		ZmqContextSupervisor.guard(this.context, "in", socket);
		ZmqContextSupervisor.guard(this.context, "in", socket);
		Object allocator = socket.base().getSocketOptx(zmq.ZMQ.ZMQ_MSG_ALLOCATOR);
		assertThat(allocator).isInstanceOf(ZmqGuardedMsgAllocator.class);
		ZmqGuardedMsgAllocator guarded = (ZmqGuardedMsgAllocator) allocator;
		assertThat(guarded.getDelegate()).isSameAs(custom);
		assertThat(guarded.allocate(-1).isCommand()).isTrue();
		assertThat(guarded.allocate(101).isCommand()).isTrue();
		assertThat(guarded.allocate(100).size()).isEqualTo(100);
		assertThat(supervisor.getProtocolViolations()).isEqualTo(2);
		assertThat(this.recorded).containsExactly("violation:in:negative-frame-size",
				"violation:in:oversized-frame-size");
		socket.close();
	}

	@Test
	void guardOnAnUnsupervisedContextStillNeutralises() {
		ZMQ.Socket socket = this.context.createSocket(SocketType.PULL);
		ZmqContextSupervisor.guard(this.context, "in", socket);
		MsgAllocator allocator = (MsgAllocator) socket.base().getSocketOptx(zmq.ZMQ.ZMQ_MSG_ALLOCATOR);
		assertThat(allocator.allocate(-1).isCommand()).isTrue();
		socket.close();
	}

	@Test
	void boundSocketsGetTheDefaultMaxMessageSizeUnlessOneIsSet() {
		ZmqSocketFactory factory = new ZmqSocketFactory(this.context, new ZmqSocketRegistry(List.of()), List.of(),
				Duration.ofSeconds(1));
		ZmqSocketDefinition bound = definition("bound", "@tcp://127.0.0.1:*", null);
		ZmqSocketDefinition connected = definition("connected", ">tcp://127.0.0.1:5999", null);
		ZmqSocketDefinition unlimited = definition("unlimited", "@tcp://127.0.0.1:*", -1L);
		ZmqSocketDefinition own = definition("own", "@tcp://127.0.0.1:*", 64L);
		assertMaxMessageSize(factory, bound, ZmqSocketFactory.DEFAULT_BOUND_MAX_MESSAGE_SIZE);
		assertMaxMessageSize(factory, connected, -1);
		assertMaxMessageSize(factory, unlimited, -1);
		assertMaxMessageSize(factory, own, 64);
	}

	@Test
	void rateLimitedLogWarnsOncePerIntervalAndKey() {
		AtomicLong clock = new AtomicLong();
		ZmqRateLimitedLog log = new ZmqRateLimitedLog(LogFactory.getLog(getClass()), 1000, clock::get);
		assertThat(log.warn("a", "first", null)).isTrue();
		assertThat(log.warn("a", "second", null)).isFalse();
		assertThat(log.warn("b", "other key", null)).isTrue();
		clock.addAndGet(1000);
		assertThat(log.warn("a", "after the interval", null)).isTrue();
	}

	private static void assertMaxMessageSize(ZmqSocketFactory factory, ZmqSocketDefinition definition, long expected) {
		ZMQ.Socket socket = factory.open(definition);
		try {
			assertThat(socket.getMaxMsgSize()).as(definition.name()).isEqualTo(expected);
			assertThat(socket.base().getSocketOptx(zmq.ZMQ.ZMQ_MSG_ALLOCATOR))
				.isInstanceOf(ZmqGuardedMsgAllocator.class);
		}
		finally {
			factory.close(definition, socket);
		}
	}

	private static ZmqSocketDefinition definition(String name, String endpoint, Long maxMessageSize) {
		ZmqSocketOptions options = new ZmqSocketOptions(null, null, Duration.ZERO, null, null, null, null, null, null,
				maxMessageSize, null, null, null);
		return new ZmqSocketDefinition(name, ZmqSocketType.PULL, List.of(ZmqEndpoint.parse(endpoint, true)), List.of(),
				options);
	}

}

package io.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.zmqspring.core.ZmqErrorReply;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.metrics.ZmqMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ListenerInvoker} survives whatever a handler throws and leaves the calling thread fit
 * for the JeroMQ calls that follow.
 */
class ListenerInvokerTests {

	private static final byte[] ROUTING_ID = { 0, 1, 2, 3, 4 };

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final List<ZmqListenerException> handled = new CopyOnWriteArrayList<>();

	private final ZmqMetrics metrics = new ZmqMetrics() {

		@Override
		public void listenerError(String listenerId, String socket, String kind) {
			ListenerInvokerTests.this.errors.add(listenerId + "/" + socket + "/" + kind);
		}

	};

	private final ZmqListenerErrorHandler recordingErrorHandler = (message, exception) -> {
		this.handled.add(exception);
		return null;
	};

	@AfterEach
	void clearInterruptFlag() {
		Thread.interrupted();
	}

	@Test
	void errorThrownByTheHandlerIsAnsweredWithTheErrorReplyOnRep() {
		ListenerInvoker invoker = invoker(ZmqSocketType.REP, (message) -> {
			throw new HandlerError("secret detail");
		}, this.recordingErrorHandler);
		List<byte[]> reply = invoker.process(repRequest("boom"));
		assertThat(reply).containsExactly(ROUTING_ID, ZmqFrames.EMPTY, bytes("ZMQ-SPRING-ERROR: handler: HandlerError"));
		assertThat(ZmqErrorReply.reasonOf(reply.subList(2, reply.size()))).isEqualTo("handler: HandlerError");
	}

	@Test
	void failureOfARouterListenerIsAnsweredWithOneErrorFrameBehindTheEnvelope() {
		ListenerInvoker invoker = invoker(ZmqSocketType.ROUTER, (message) -> {
			throw new IllegalArgumentException("secret detail");
		}, this.recordingErrorHandler);
		byte[] correlation = { 1, 2, 3, 4, 5, 6, 7, 8 };
		List<byte[]> reply = invoker
			.process(message(List.of(ROUTING_ID, correlation, ZmqFrames.EMPTY, bytes("request")), 3));
		assertThat(reply).containsExactly(ROUTING_ID, correlation, ZmqFrames.EMPTY,
				bytes("ZMQ-SPRING-ERROR: handler: IllegalArgumentException"));
	}

	@Test
	void errorThrownByTheHandlerIsCountedAndReportedToTheErrorHandler() {
		HandlerError error = new HandlerError("secret detail");
		ListenerInvoker invoker = invoker(ZmqSocketType.REP, (message) -> {
			throw error;
		}, this.recordingErrorHandler);
		invoker.process(repRequest("boom"));
		assertThat(this.errors).containsExactly("orders/api/handler");
		assertThat(this.handled).singleElement().satisfies((failure) -> {
			assertThat(failure.getKind()).isEqualTo(ZmqListenerException.Kind.HANDLER);
			assertThat(failure.getCause()).isSameAs(error);
		});
	}

	@Test
	void errorThrownByTheHandlerOfAPullListenerIsCountedAndSurvived() {
		ListenerInvoker invoker = invoker(ZmqSocketType.PULL, (message) -> {
			throw new HandlerError("secret detail");
		}, this.recordingErrorHandler);
		List<byte[]> reply = invoker.process(message(List.of(bytes("work")), 0));
		assertThat(reply).isNull();
		assertThat(this.errors).containsExactly("orders/api/handler");
		assertThat(this.handled).hasSize(1);
	}

	@Test
	void errorThrownByTheErrorHandlerStillYieldsTheErrorReply() {
		ListenerInvoker invoker = invoker(ZmqSocketType.REP, (message) -> {
			throw new IllegalStateException("secret detail");
		}, (message, exception) -> {
			throw new HandlerError("error handler broke");
		});
		List<byte[]> reply = invoker.process(repRequest("boom"));
		assertThat(reply).isNotNull();
		assertThat(ZmqErrorReply.reasonOf(reply.subList(2, reply.size())))
			.isEqualTo("handler: IllegalStateException");
		assertThat(this.errors).containsExactly("orders/api/handler");
	}

	@Test
	void interruptFlagLeftSetByTheHandlerIsClearedAfterTheInvocation() {
		ListenerInvoker invoker = invoker(ZmqSocketType.REP, (message) -> {
			Thread.currentThread().interrupt();
			return bytes("ok");
		}, this.recordingErrorHandler);
		List<byte[]> reply = invoker.process(repRequest("hello"));
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		assertThat(reply).containsExactly(ROUTING_ID, ZmqFrames.EMPTY, bytes("ok"));
	}

	@Test
	void interruptFlagLeftSetByAFailingHandlerIsClearedAfterTheInvocation() {
		ListenerInvoker invoker = invoker(ZmqSocketType.PULL, (message) -> {
			Thread.currentThread().interrupt();
			throw new InterruptedException("gave up");
		}, this.recordingErrorHandler);
		invoker.process(message(List.of(bytes("work")), 0));
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		assertThat(this.errors).containsExactly("orders/api/handler");
	}

	@Test
	void interruptFlagLeftSetByTheErrorHandlerIsClearedAfterTheInvocation() {
		ListenerInvoker invoker = invoker(ZmqSocketType.PULL, (message) -> {
			throw new IllegalStateException("boom");
		}, (message, exception) -> {
			Thread.currentThread().interrupt();
			return null;
		});
		invoker.process(message(List.of(bytes("work")), 0));
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	private ListenerInvoker invoker(ZmqSocketType type, ZmqMessageListener listener,
			ZmqListenerErrorHandler errorHandler) {
		return new ListenerInvoker("orders", "api", type, listener, errorHandler, null, this.metrics);
	}

	private static ZmqInboundMessage repRequest(String body) {
		return message(List.of(ROUTING_ID, ZmqFrames.EMPTY, bytes(body)), 2);
	}

	private static ZmqInboundMessage message(List<byte[]> frames, int envelopeSize) {
		return new ZmqInboundMessage("orders", "api", frames, envelopeSize, null, null);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * An {@link Error} of the application's own, which is neither a linkage, assertion nor stack
	 * overflow error.
	 */
	static class HandlerError extends Error {

		private static final long serialVersionUID = 1L;

		HandlerError(@Nullable String message) {
			super(message);
		}

	}

}

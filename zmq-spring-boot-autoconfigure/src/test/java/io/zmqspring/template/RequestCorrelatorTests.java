package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqRemoteException;
import io.zmqspring.metrics.ZmqMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestCorrelator} hands out correlation ids that differ between sockets and restarts.
 */
class RequestCorrelatorTests {

	private final AtomicInteger discarded = new AtomicInteger();

	private final ZmqMetrics metrics = new ZmqMetrics() {

		@Override
		public void replyDiscarded(String socket) {
			RequestCorrelatorTests.this.discarded.incrementAndGet();
		}

	};

	@Test
	void twoCorrelatorsHandOutDifferentFirstIds() {
		RequestCorrelator first = new RequestCorrelator("api", this.metrics);
		RequestCorrelator second = new RequestCorrelator("api", this.metrics);
		assertThat(first.nextCorrelation()).isNotEqualTo(second.nextCorrelation());
	}

	@Test
	void replyCarryingTheIdOfAnotherCorrelatorIsDiscardedAndCounted() {
		RequestCorrelator before = new RequestCorrelator("api", this.metrics);
		byte[] oldCorrelation = before.nextCorrelation();
		before.sent(request());
		RequestCorrelator restarted = new RequestCorrelator("api", this.metrics);
		PendingRequest waiting = request();
		restarted.sent(waiting);
		restarted.dispatch(reply(oldCorrelation, "reply to the old request"));
		assertThat(waiting.future).isNotDone();
		assertThat(this.discarded).hasValue(1);
		assertThat(restarted.isEmpty()).isFalse();
	}

	@Test
	void replyCarryingTheHandedOutIdCompletesItsRequest() {
		RequestCorrelator correlator = new RequestCorrelator("api", this.metrics);
		byte[] correlation = correlator.nextCorrelation();
		PendingRequest request = request();
		correlator.sent(request);
		correlator.dispatch(reply(correlation, "answer"));
		assertThat(request.future).isCompleted();
		assertThat(request.future.join()).singleElement().isEqualTo("answer".getBytes());
		assertThat(correlator.isEmpty()).isTrue();
		assertThat(this.discarded).hasValue(0);
	}

	@Test
	void oneFrameErrorReplyFailsTheRequestWithTheRemoteReason() {
		RequestCorrelator correlator = new RequestCorrelator("api", this.metrics);
		byte[] correlation = correlator.nextCorrelation();
		PendingRequest request = request();
		correlator.sent(request);
		correlator.dispatch(reply(correlation, "ZMQ-SPRING-ERROR: handler: IllegalStateException"));
		assertThat(request.future).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(ZmqRemoteException.class,
					(ex) -> assertThat(ex.getRemoteReason()).isEqualTo("handler: IllegalStateException"));
	}

	@Test
	void idsWrapAroundFromTheLargestLong() {
		RequestCorrelator correlator = new RequestCorrelator("api", this.metrics, Long.MAX_VALUE);
		assertThat(RequestCorrelator.bytesToLong(correlator.nextCorrelation())).isEqualTo(Long.MAX_VALUE);
		correlator.sent(request());
		byte[] wrapped = correlator.nextCorrelation();
		assertThat(RequestCorrelator.bytesToLong(wrapped)).isEqualTo(Long.MIN_VALUE);
		PendingRequest request = request();
		correlator.sent(request);
		correlator.dispatch(reply(wrapped, "after the wrap"));
		assertThat(request.future).isCompleted();
	}

	private static PendingRequest request() {
		return new PendingRequest(List.of("request".getBytes()), Duration.ofSeconds(5),
				new CorrelatingReceiver("api", ZmqMetrics.NONE, ZmqRequestPolicy.DEFAULT, () -> false));
	}

	private static List<byte[]> reply(byte[] correlation, String body) {
		return List.of(correlation, ZmqFrames.EMPTY, body.getBytes());
	}

}

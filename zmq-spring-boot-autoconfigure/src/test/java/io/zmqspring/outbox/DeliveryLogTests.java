package io.zmqspring.outbox;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zmqspring.listener.ZmqDeliveryTracker.Decision;
import io.zmqspring.outbox.DeliveryLog.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener side's delivery log on its own: what it decides for new, handled, failed and
 * interrupted messages, across reopens, and that a sender's messages in order leave no entries.
 */
class DeliveryLogTests {

	private static final Duration CLOSE = Duration.ofSeconds(5);

	private static final String SENDER = "00112233445566778899aabbccddeeff";

	@TempDir
	Path directory;

	@Test
	void aMessageWhoseHandlerReturnedIsAcknowledgedAgainAfterAReopen() {
		DeliveryLog log = open();
		assertThat(log.begin(key(0)).join()).isEqualTo(Decision.HANDLE);
		log.complete(key(0));
		log.close(CLOSE);

		DeliveryLog reopened = open();
		try {
			assertThat(reopened.begin(key(0)).join()).isEqualTo(Decision.ACKNOWLEDGE);
		}
		finally {
			reopened.close(CLOSE);
		}
	}

	@Test
	void aMessageWhoseHandlerHadNotReturnedWhenTheLogClosedComesBackAsAPossibleDuplicate() {
		DeliveryLog log = open();
		assertThat(log.begin(key(0)).join()).isEqualTo(Decision.HANDLE);
		log.close(CLOSE);

		DeliveryLog reopened = open();
		try {
			assertThat(reopened.begin(key(0)).join()).isEqualTo(Decision.HANDLE_POSSIBLE_DUPLICATE);
			reopened.complete(key(0));
			assertThat(reopened.begin(key(0)).join()).isEqualTo(Decision.ACKNOWLEDGE);
		}
		finally {
			reopened.close(CLOSE);
		}
	}

	@Test
	void aCopyThatArrivesWhileTheHandlerHasTheMessageIsDiscarded() {
		DeliveryLog log = open();
		try {
			assertThat(log.begin(key(3)).join()).isEqualTo(Decision.HANDLE);
			assertThat(log.begin(key(3)).join()).isEqualTo(Decision.DISCARD);
		}
		finally {
			log.close(CLOSE);
		}
	}

	@Test
	void aMessageWhoseHandlerFailedIsHandledAsNewWhenItComesAgain() {
		DeliveryLog log = open();
		try {
			assertThat(log.begin(key(0)).join()).isEqualTo(Decision.HANDLE);
			log.abandon(key(0));
			assertThat(log.begin(key(0)).join()).isEqualTo(Decision.HANDLE);
		}
		finally {
			log.close(CLOSE);
		}
	}

	@Test
	void messagesHandledInOrderLeaveNoEntriesBehindTheWatermark() {
		DeliveryLog log = open();
		try {
			for (long sequence = 0; sequence < 100; sequence++) {
				assertThat(log.begin(key(sequence)).join()).isEqualTo(Decision.HANDLE);
				log.complete(key(sequence));
			}
			assertThat(log.entries(SENDER).join()).isZero();
			assertThat(log.begin(key(42)).join()).isEqualTo(Decision.ACKNOWLEDGE);
			assertThat(log.begin(key(100)).join()).isEqualTo(Decision.HANDLE);
		}
		finally {
			log.close(CLOSE);
		}
	}

	@Test
	void messagesOutOfOrderAreRememberedUntilTheGapCloses() {
		DeliveryLog log = open();
		try {
			for (long sequence : new long[] { 0, 2, 3 }) {
				log.begin(key(sequence)).join();
				log.complete(key(sequence));
			}
			assertThat(log.entries(SENDER).join()).isEqualTo(2);
			assertThat(log.begin(key(2)).join()).isEqualTo(Decision.ACKNOWLEDGE);
			assertThat(log.begin(key(1)).join()).isEqualTo(Decision.HANDLE);
			log.complete(key(1));
			assertThat(log.begin(key(4)).join()).isEqualTo(Decision.HANDLE);
			assertThat(log.entries(SENDER).join()).isEqualTo(1);
		}
		finally {
			log.close(CLOSE);
		}
	}

	private DeliveryLog open() {
		return DeliveryLog.open(this.directory, "in", ZmqOutboxSync.BATCH, Duration.ofDays(7));
	}

	private static Key key(long sequence) {
		return new Key(SENDER, sequence);
	}

}

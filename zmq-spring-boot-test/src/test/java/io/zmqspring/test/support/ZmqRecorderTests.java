package io.zmqspring.test.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ZmqRecorderTests {

	private final ZmqRecorder<String> recorder = new ZmqRecorder<>();

	@Test
	void awaitReturnsOnceEnoughItemsWereRecordedOnAnotherThread() {
		CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 5; i++) {
				this.recorder.record("r" + i);
			}
		});
		assertThat(this.recorder.await(3, Duration.ofSeconds(10))).containsExactly("r0", "r1", "r2");
	}

	@Test
	void awaitThatTimesOutNamesWhatArrived() {
		this.recorder.record("only");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.recorder.await(2, Duration.ofMillis(50)))
			.withMessageContaining("Recorded 1 of 2")
			.withMessageContaining("only");
	}

	@Test
	void awaitWithAConditionReturnsTheFirstMatchingItemRecordedBeforeOrDuringTheWait() {
		this.recorder.record("apple");
		CompletableFuture.runAsync(() -> this.recorder.record("banana"));
		assertThat(this.recorder.await((item) -> item.startsWith("a"), Duration.ofSeconds(10))).isEqualTo("apple");
		assertThat(this.recorder.await((item) -> item.startsWith("b"), Duration.ofSeconds(10))).isEqualTo("banana");
	}

	@Test
	void awaitWithAConditionThatNothingMatchesNamesWhatArrived() {
		this.recorder.record("apple");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.recorder.await("cherry"::equals, Duration.ofMillis(50)))
			.withMessageContaining("apple");
	}

	@Test
	void clearForgetsWhatWasRecorded() {
		this.recorder.accept("old");
		this.recorder.clear();
		this.recorder.accept("new");
		assertThat(this.recorder.awaitFirst(Duration.ofSeconds(1))).isEqualTo("new");
		assertThat(this.recorder.received()).containsExactly("new");
	}

}

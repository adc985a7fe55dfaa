package io.zmqspring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendQueueTests {

	@Test
	void offerFailsOnceCapacityIsReached() {
		SendQueue queue = new SendQueue(3);
		assertThat(queue.offer("a")).isTrue();
		assertThat(queue.offer("b")).isTrue();
		assertThat(queue.offer("c")).isTrue();
		assertThat(queue.offer("d")).isFalse();
		assertThat(queue.poll()).isEqualTo("a");
		assertThat(queue.offer("d")).isTrue();
	}

	@Test
	void pollReturnsElementsInOrderThenNull() {
		SendQueue queue = new SendQueue(8);
		for (int i = 0; i < 5; i++) {
			queue.offer(i);
		}
		List<Object> taken = new ArrayList<>();
		Object next;
		while ((next = queue.poll()) != null) {
			taken.add(next);
		}
		assertThat(taken).containsExactly(0, 1, 2, 3, 4);
		assertThat(queue.isEmpty()).isTrue();
	}

	@Test
	void timedOfferGivesUpWhenNothingIsTaken() throws InterruptedException {
		SendQueue queue = new SendQueue(1);
		queue.offer("full");
		long start = System.nanoTime();
		assertThat(queue.offer("late", TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	@Test
	void waitingProducerProceedsOnceTheConsumerFreesRoom() throws Exception {
		SendQueue queue = new SendQueue(4);
		for (int i = 0; i < 4; i++) {
			queue.offer(i);
		}
		AtomicBoolean accepted = new AtomicBoolean();
		CountDownLatch done = new CountDownLatch(1);
		Thread producer = new Thread(() -> {
			try {
				accepted.set(queue.offer("waiting", TimeUnit.SECONDS.toNanos(20)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			done.countDown();
		});
		producer.start();
		for (int i = 0; i < 4; i++) {
			queue.poll();
		}
		assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(accepted).isTrue();
		assertThat(queue.poll()).isEqualTo("waiting");
	}

	@Test
	void manyProducersDeliverEveryElementExactlyOnce() throws Exception {
		SendQueue queue = new SendQueue(64);
		int producers = 4;
		int perProducer = 50_000;
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			int id = p;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < perProducer; i++) {
					try {
						if (!queue.offer(new long[] { id, i }, TimeUnit.SECONDS.toNanos(20))) {
							throw new IllegalStateException("No room within 20 s");
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
			threads.add(thread);
			thread.start();
		}
		int[] nextExpected = new int[producers];
		int received = 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (received < producers * perProducer && System.nanoTime() < deadline) {
			Object next = queue.poll();
			if (next == null) {
				Thread.onSpinWait();
				continue;
			}
			long[] element = (long[]) next;
			assertThat(element[1]).isEqualTo(nextExpected[(int) element[0]]);
			nextExpected[(int) element[0]]++;
			received++;
		}
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(20));
		}
		assertThat(received).isEqualTo(producers * perProducer);
		assertThat(queue.poll()).isNull();
	}

}

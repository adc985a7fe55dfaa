package io.zmqspring.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A bounded, lock-free queue from any number of caller threads to the one thread that owns a
 * socket. Offering claims a slot with one compare-and-set and allocates nothing, so the send path
 * costs no lock hand-over and no garbage per message.
 * <p>
 * Producers claim increasing positions; the consumer takes them in order, waiting the few
 * nanoseconds a producer may need between claiming a position and filling it. A producer that
 * finds the queue full sleeps until the consumer has emptied half of it (or its timeout passes),
 * so a fast producer and a slower socket settle into long runs instead of a wake-up per message.
 *
 * @author zmq-spring-boot
 */
final class SendQueue {

	private final AtomicReferenceArray<Object> slots;

	private final int mask;

	private final int capacity;

	// Producer and consumer positions sit 128 bytes apart, so that the callers' compare-and-set
	// and the socket thread's progress do not invalidate each other's cache line.

	private static final int PRODUCER = 16;

	private static final int CONSUMER = 32;

	private final AtomicLongArray positions = new AtomicLongArray(48);

	/** A possibly stale (never too high) copy of the consumer position, read by producers. */
	private volatile long consumerLimit;

	private final AtomicInteger waitingProducers = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notFull = this.lock.newCondition();

	SendQueue(int capacity) {
		this.capacity = capacity;
		int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
		this.slots = new AtomicReferenceArray<>(size);
		this.mask = size - 1;
	}

	/**
	 * Add an element if there is room now.
	 * @param element the element
	 * @return whether it was added
	 */
	boolean offer(Object element) {
		long position;
		do {
			position = this.positions.get(PRODUCER);
			if (position - this.consumerLimit >= this.capacity) {
				long consumed = this.positions.get(CONSUMER);
				this.consumerLimit = consumed;
				if (position - consumed >= this.capacity) {
					return false;
				}
			}
		}
		while (!this.positions.compareAndSet(PRODUCER, position, position + 1));
		this.slots.setRelease((int) position & this.mask, element);
		return true;
	}

	/**
	 * Add an element, waiting up to the timeout for room.
	 * @param element the element
	 * @param timeoutNanos the longest wait
	 * @return whether it was added
	 * @throws InterruptedException if the caller is interrupted while waiting
	 */
	boolean offer(Object element, long timeoutNanos) throws InterruptedException {
		if (offer(element)) {
			return true;
		}
		long deadline = System.nanoTime() + timeoutNanos;
		this.waitingProducers.incrementAndGet();
		try {
			this.lock.lockInterruptibly();
			try {
				while (!offer(element)) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						return false;
					}
					this.notFull.awaitNanos(left);
				}
				return true;
			}
			finally {
				this.lock.unlock();
			}
		}
		finally {
			this.waitingProducers.decrementAndGet();
		}
	}

	/**
	 * Take the next element; only the owning thread may call this.
	 * @return the element, or {@code null} if the queue is empty
	 */
	@Nullable Object poll() {
		long position = this.positions.get(CONSUMER);
		int slot = (int) position & this.mask;
		Object element = this.slots.getAcquire(slot);
		if (element == null) {
			if (position == this.positions.get(PRODUCER)) {
				return null;
			}
			// A producer claimed this position and is about to fill it
			do {
				Thread.onSpinWait();
				element = this.slots.getAcquire(slot);
			}
			while (element == null);
		}
		this.slots.setRelease(slot, null);
		this.positions.set(CONSUMER, position + 1);
		if (this.waitingProducers.get() > 0 && this.positions.get(PRODUCER) - position <= this.capacity / 2 + 1) {
			wakeProducers();
		}
		return element;
	}

	private void wakeProducers() {
		this.lock.lock();
		try {
			this.notFull.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return how many elements are queued; a snapshot, from any thread.
	 * @return the number of elements
	 */
	int size() {
		return (int) Math.max(0, this.positions.get(PRODUCER) - this.positions.get(CONSUMER));
	}

	boolean isEmpty() {
		return this.positions.get(CONSUMER) == this.positions.get(PRODUCER);
	}

}

package io.zmqspring.listener;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

import io.zmqspring.core.ZmqSocketOwner;

/**
 * The handler workers of a listener with a concurrency above one, run by a {@link TaskExecutor}.
 * The socket's owner submits messages into a small bounded queue; workers hand their replies
 * back to the owner, which sends them. Workers never touch the socket, survive interrupts and
 * wake the owner for room only while it waits for room. The work items are messages, or a batch
 * listener's batches.
 *
 * @param <T> the type of the work items
 * @author zmq-spring-boot
 */
final class ListenerWorkers<T> {

	private static final Log logger = LogFactory.getLog(ListenerWorkers.class);

	private final Function<T, @Nullable List<byte[]>> handler;

	private final ZmqSocketOwner owner;

	private final ListenerOutput output;

	private final String listenerId;

	private final int concurrency;

	private final TaskExecutor executor;

	private final ArrayBlockingQueue<T> work;

	private final CountDownLatch done;

	private volatile boolean finishing;

	/** Set by the owner when it finds the queue full, so the next worker to take wakes it. */
	private volatile boolean waitingForRoom;

	ListenerWorkers(Function<T, @Nullable List<byte[]>> handler, ZmqSocketOwner owner, ListenerOutput output,
			String listenerId,
			int concurrency, TaskExecutor executor) {
		this.handler = handler;
		this.owner = owner;
		this.output = output;
		this.listenerId = listenerId;
		this.concurrency = concurrency;
		this.executor = executor;
		this.work = new ArrayBlockingQueue<>(concurrency * 2);
		this.done = new CountDownLatch(concurrency);
	}

	/**
	 * Return the executor a listener's workers run on when the application sets none: daemon
	 * threads named {@code zmq-listener-<id>-N}, so that a hung handler never holds the JVM, or
	 * virtual threads.
	 * @param listenerId the listener id
	 * @param virtualThreads whether to use virtual threads (Java 21 and later)
	 * @return the executor
	 */
	static TaskExecutor defaultExecutor(String listenerId, boolean virtualThreads) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("zmq-listener-" + listenerId + "-");
		if (virtualThreads) {
			executor.setVirtualThreads(true);
		}
		else {
			executor.setDaemon(true);
		}
		return executor;
	}

	void start() {
		for (int i = 0; i < this.concurrency; i++) {
			this.executor.execute(this::work);
		}
	}

	/**
	 * Whether there is room for another message; called by the owner.
	 * @return whether to submit more
	 */
	boolean ready() {
		if (this.work.remainingCapacity() > 0) {
			return true;
		}
		this.waitingForRoom = true;
		return this.work.remainingCapacity() > 0;
	}

	/**
	 * Return how many messages wait for a worker.
	 * @return the queue's size
	 */
	int queueSize() {
		return this.work.size();
	}

	/**
	 * Hand a message (or batch) to the workers; call only when {@link #ready()}.
	 * @param item the message or batch
	 */
	void submit(T item) {
		this.work.add(item);
	}

	/**
	 * Let the workers finish what is queued; called repeatedly by the owner until it returns
	 * {@code true}. Past the deadline, workers still busy (a hung handler) are left behind.
	 * @param deadlineNanos the {@link System#nanoTime()} after which to stop waiting
	 * @return whether the workers ended or the deadline passed
	 */
	boolean finish(long deadlineNanos) {
		this.finishing = true;
		if (this.done.getCount() == 0) {
			return true;
		}
		if (System.nanoTime() - deadlineNanos >= 0) {
			logger.warn("Listener '" + this.listenerId + "': " + this.done.getCount() + " of " + this.concurrency
					+ " handler(s) still busy at the stop timeout; stopping without them");
			return true;
		}
		return false;
	}

	private void work() {
		try {
			while (true) {
				T message;
				try {
					message = this.work.poll(50, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					// An interrupt never stops a worker: only the container's stop does
					continue;
				}
				if (message == null) {
					if (this.finishing) {
						return;
					}
					continue;
				}
				if (this.waitingForRoom) {
					this.waitingForRoom = false;
					this.owner.wakeupNow();
				}
				List<byte[]> reply = this.handler.apply(message);
				Thread.interrupted();
				if (reply != null) {
					this.output.reply(reply);
				}
			}
		}
		finally {
			this.done.countDown();
			this.owner.wakeup();
		}
	}

}

package io.zmqspring.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.zmqspring.core.ZmqSocketWaiter;

/**
 * Worker threads of a listener with a concurrency above one. The socket's thread submits
 * messages into a small bounded queue and sends the replies the workers leave; the workers never
 * touch the socket and wake its thread when they free room or leave a reply.
 *
 * @author zmq-spring-boot
 */
final class ListenerWorkers {

	private final ListenerInvoker invoker;

	private final ZmqSocketWaiter waiter;

	private final ArrayBlockingQueue<ZmqInboundMessage> work;

	private final ConcurrentLinkedQueue<List<byte[]>> replies = new ConcurrentLinkedQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	private final CountDownLatch done;

	private volatile boolean finishing;

	/** Set by the socket's thread while it waits because the queue is full. */
	private volatile boolean waitingForRoom;

	ListenerWorkers(ListenerInvoker invoker, ZmqSocketWaiter waiter, int concurrency, String namePrefix) {
		this.invoker = invoker;
		this.waiter = waiter;
		this.work = new ArrayBlockingQueue<>(concurrency * 2);
		this.done = new CountDownLatch(concurrency);
		for (int i = 0; i < concurrency; i++) {
			Thread thread = new Thread(this::work, namePrefix + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
	}

	void start() {
		this.threads.forEach(Thread::start);
	}

	boolean hasRoom() {
		return this.work.remainingCapacity() > 0;
	}

	/**
	 * Wait on the socket's thread for the socket, for room or for replies. Workers wake it for room
	 * only while the queue is full, so a steady stream costs no wake-up per message.
	 * @param timeoutMillis the longest wait
	 * @param readyNow whether there is something to do already
	 */
	void await(long timeoutMillis, BooleanSupplier readyNow) {
		this.waitingForRoom = !hasRoom();
		try {
			this.waiter.await(timeoutMillis, readyNow);
		}
		finally {
			this.waitingForRoom = false;
		}
	}

	boolean hasReplies() {
		return !this.replies.isEmpty();
	}

	/**
	 * Hand a message to the workers; call only when {@link #hasRoom()}.
	 * @param message the message
	 */
	void submit(ZmqInboundMessage message) {
		this.work.add(message);
	}

	/**
	 * Send the replies the workers left, on the socket's thread.
	 * @param sender sends one reply
	 * @return whether any reply was sent
	 */
	boolean flushReplies(Consumer<List<byte[]>> sender) {
		boolean sent = false;
		List<byte[]> reply;
		while ((reply = this.replies.poll()) != null) {
			sender.accept(reply);
			sent = true;
		}
		return sent;
	}

	/**
	 * Let the workers finish what is queued, sending their replies, then return once all ended.
	 * @param sender sends one reply
	 */
	void finish(Consumer<List<byte[]>> sender) {
		this.finishing = true;
		while (this.done.getCount() > 0) {
			flushReplies(sender);
			this.waiter.await(50, () -> hasReplies() || this.done.getCount() == 0);
		}
		flushReplies(sender);
	}

	private void work() {
		try {
			while (true) {
				ZmqInboundMessage message = this.work.poll(50, TimeUnit.MILLISECONDS);
				if (message == null) {
					if (this.finishing) {
						return;
					}
					continue;
				}
				if (this.waitingForRoom) {
					this.waiter.wakeupNow();
				}
				List<byte[]> reply = this.invoker.process(message);
				if (reply != null) {
					this.replies.add(reply);
					this.waiter.wakeup();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.done.countDown();
			this.waiter.wakeup();
		}
	}

}

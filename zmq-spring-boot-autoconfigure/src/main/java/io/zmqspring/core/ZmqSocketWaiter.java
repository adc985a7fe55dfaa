package io.zmqspring.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.zeromq.ZMQ;

/**
 * Lets the thread that owns a socket sleep until the socket has something to do or another
 * thread has handed it work, without any other thread touching the socket.
 * <p>
 * The owner registers the socket's signalling channel with a private selector; other threads
 * wake it through {@link Selector#wakeup()}, which is safe from any thread and never affected by
 * interrupts. The owner must drain the socket until it would block before it waits, as with
 * libzmq's {@code ZMQ_FD}.
 * <p>
 * JeroMQ's thread-safe sockets (CLIENT, SERVER) have no signalling channel. For them the waiter
 * polls: it parks the owner for a short slice (growing from 50 µs to 1 ms while nothing happens)
 * between checks, and {@link #wakeup()} unparks it.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketWaiter implements Closeable {

	private static final long FIRST_SLICE_NANOS = 50_000;

	private static final long MAX_SLICE_NANOS = 1_000_000;

	private final Selector selector;

	/** Whether the watched socket has no channel, so that the waiter polls it. */
	private final boolean polling;

	private volatile boolean waiting;

	private volatile boolean woken;

	private volatile @org.jspecify.annotations.Nullable Thread waiter;

	/** The polling slice; owned by the waiting thread. */
	private long sliceNanos = FIRST_SLICE_NANOS;

	/**
	 * Create a waiter for the given sockets. Call on the sockets' owning thread.
	 * @param socket the socket to watch
	 * @param others more sockets of the same owner to watch, such as its monitor
	 */
	public ZmqSocketWaiter(ZMQ.Socket socket, ZMQ.Socket... others) {
		try {
			this.selector = Selector.open();
			SelectableChannel channel = socket.getFD();
			this.polling = channel == null;
			if (channel != null) {
				channel.register(this.selector, SelectionKey.OP_READ);
			}
			for (ZMQ.Socket other : others) {
				SelectableChannel otherChannel = other.getFD();
				if (otherChannel != null) {
					otherChannel.register(this.selector, SelectionKey.OP_READ);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open a selector for a ZeroMQ socket", ex);
		}
	}

	/**
	 * Wait until the socket signals, {@link #wakeup()} is called, or the timeout passes. Returns at
	 * once if {@code readyNow} is already true once this thread is marked as waiting, so a wake-up
	 * sent between the caller's last check and the wait is never lost.
	 * @param timeoutMillis the longest wait, in milliseconds (at least 1)
	 * @param readyNow checked after the thread is marked as waiting
	 */
	public void await(long timeoutMillis, BooleanSupplier readyNow) {
		if (this.polling) {
			poll(timeoutMillis, readyNow);
			return;
		}
		this.waiting = true;
		try {
			if (readyNow.getAsBoolean()) {
				return;
			}
			this.selector.select(Math.max(1, timeoutMillis));
			this.selector.selectedKeys().clear();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Selector failed while waiting on a ZeroMQ socket", ex);
		}
		finally {
			this.waiting = false;
		}
	}

	private void poll(long timeoutMillis, BooleanSupplier readyNow) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
		this.waiter = Thread.currentThread();
		this.waiting = true;
		try {
			while (!this.woken && !readyNow.getAsBoolean()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				LockSupport.parkNanos(this, Math.min(left, this.sliceNanos));
				this.sliceNanos = Math.min(this.sliceNanos * 2, MAX_SLICE_NANOS);
			}
			this.sliceNanos = FIRST_SLICE_NANOS;
		}
		finally {
			this.woken = false;
			this.waiting = false;
		}
	}

	/**
	 * Wake the owner if it is waiting. Cheap when it is not. Safe from any thread.
	 */
	public void wakeup() {
		if (this.waiting) {
			wakeupNow();
		}
	}

	/**
	 * Wake the owner now or make its next wait return at once. Safe from any thread.
	 */
	public void wakeupNow() {
		if (this.polling) {
			this.woken = true;
			Thread current = this.waiter;
			if (current != null) {
				LockSupport.unpark(current);
			}
			return;
		}
		this.selector.wakeup();
	}

	@Override
	public void close() {
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

}

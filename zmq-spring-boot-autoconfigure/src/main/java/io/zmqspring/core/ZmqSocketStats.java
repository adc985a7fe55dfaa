package io.zmqspring.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * What went through one named socket: messages and bytes sent and received, open connections and
 * the messages waiting in its send queue. One instance per socket name for the application's
 * life, so the figures go on across a socket's restarts; only the socket's owner thread writes
 * them, and cheaply, so that counting costs nothing noticeable on the hot path.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketStats {

	private final String name;

	private final ZmqSocketType type;

	private final AtomicLong messagesSent = new AtomicLong();

	private final AtomicLong bytesSent = new AtomicLong();

	private final AtomicLong messagesReceived = new AtomicLong();

	private final AtomicLong bytesReceived = new AtomicLong();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile IntSupplier queueSize = () -> 0;

	ZmqSocketStats(String name, ZmqSocketType type) {
		this.name = name;
		this.type = type;
	}

	/**
	 * Return the socket's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the socket's type as configured.
	 * @return the type
	 */
	public ZmqSocketType getType() {
		return this.type;
	}

	/**
	 * Return how many messages the socket sent.
	 * @return the count
	 */
	public long getMessagesSent() {
		return this.messagesSent.get();
	}

	/**
	 * Return how many bytes the socket sent, over all frames.
	 * @return the count
	 */
	public long getBytesSent() {
		return this.bytesSent.get();
	}

	/**
	 * Return how many messages the socket received.
	 * @return the count
	 */
	public long getMessagesReceived() {
		return this.messagesReceived.get();
	}

	/**
	 * Return how many bytes the socket received, over all frames.
	 * @return the count
	 */
	public long getBytesReceived() {
		return this.bytesReceived.get();
	}

	/**
	 * Return how many connections the socket has open now (accepted or connected, handshake
	 * done or not).
	 * @return the count
	 */
	public int getConnections() {
		return Math.max(0, this.connections.get());
	}

	/**
	 * Return how many messages wait in the socket's send queue.
	 * @return the count
	 */
	public int getQueueSize() {
		return this.queueSize.getAsInt();
	}

	// Written by the owner thread only: a release store, no read-modify-write

	void sent(long bytes) {
		this.messagesSent.lazySet(this.messagesSent.get() + 1);
		this.bytesSent.lazySet(this.bytesSent.get() + bytes);
	}

	void received(long bytes) {
		this.messagesReceived.lazySet(this.messagesReceived.get() + 1);
		this.bytesReceived.lazySet(this.bytesReceived.get() + bytes);
	}

	void connectionOpened() {
		this.connections.incrementAndGet();
	}

	void connectionClosed() {
		this.connections.decrementAndGet();
	}

	void queue(IntSupplier size) {
		this.queueSize = size;
	}

	void reset() {
		this.connections.set(0);
	}

	static long size(byte[][] frames) {
		long bytes = 0;
		for (byte[] frame : frames) {
			bytes += frame.length;
		}
		return bytes;
	}

	static long size(java.util.List<byte[]> frames) {
		long bytes = 0;
		for (int i = 0; i < frames.size(); i++) {
			bytes += frames.get(i).length;
		}
		return bytes;
	}

}

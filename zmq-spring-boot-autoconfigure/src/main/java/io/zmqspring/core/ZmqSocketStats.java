package io.zmqspring.core;

import java.util.HashMap;
import java.util.Map;
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

	private final AtomicInteger greetedConnections = new AtomicInteger();

	private volatile boolean greeted;

	/**
	 * Owned by the socket's thread: open connections by address, {@code [0]} still waiting for the
	 * peer's ZMTP greeting, {@code [1]} greeted.
	 */
	private final Map<String, int[]> byAddress = new HashMap<>();

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
	 * Return how many of the open connections have a peer that answered: its ZMTP greeting
	 * arrived. A connection that a host accepted but nobody serves (a stopped process) is open
	 * but not greeted. Exact for connect endpoints (one connection each); for a bound endpoint
	 * with several connections still greeting, a connection that closes is taken to be one of
	 * those.
	 * @return the count
	 */
	public int getGreetedConnections() {
		return Math.max(0, this.greetedConnections.get());
	}

	/**
	 * Whether a peer has answered on some connection since the socket was last opened.
	 * @return {@code true} once a peer's ZMTP greeting arrived
	 */
	public boolean wasGreeted() {
		return this.greeted;
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

	// Connections are counted by address as the monitor reports them. The monitor starts before
	// the socket's first bind or connect; should the opening of a connection still go unseen,
	// that connection is counted once its greeting shows it, and its closing is ignored if not.

	void connectionOpened(String address) {
		this.connections.incrementAndGet();
		this.byAddress.computeIfAbsent(address, (key) -> new int[2])[0]++;
	}

	void connectionGreeted(String address) {
		int[] counts = this.byAddress.computeIfAbsent(address, (key) -> new int[2]);
		if (counts[0] > 0) {
			counts[0]--;
		}
		else {
			this.connections.incrementAndGet();
		}
		counts[1]++;
		this.greetedConnections.incrementAndGet();
		this.greeted = true;
	}

	void connectionClosed(String address) {
		int[] counts = this.byAddress.get(address);
		if (counts == null) {
			return;
		}
		this.connections.decrementAndGet();
		if (counts[0] > 0) {
			counts[0]--;
		}
		else {
			counts[1]--;
			this.greetedConnections.decrementAndGet();
		}
		if (counts[0] == 0 && counts[1] == 0) {
			this.byAddress.remove(address);
		}
	}

	void queue(IntSupplier size) {
		this.queueSize = size;
	}

	void reset() {
		this.connections.set(0);
		this.greetedConnections.set(0);
		this.greeted = false;
		this.byAddress.clear();
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

package io.zmqspring.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketOwners;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * The durable outbox of one socket. A send writes the message to the socket's store and returns
 * once it is committed as the sync policy says; the socket's owner thread then delivers it behind
 * a {@linkplain ZmqOutboxFrames delivery frame} and sends it again until the receiver acknowledges
 * it, across restarts of either side. Safe from any thread; nothing here touches the socket.
 *
 * @author zmq-spring-boot
 */
public final class ZmqOutbox {

	private final ZmqSocketDefinition definition;

	private final ZmqOutboxSettings settings;

	private final ZmqSocketOwners owners;

	private final ZmqMetrics metrics;

	private volatile @Nullable Running running;

	ZmqOutbox(ZmqSocketDefinition definition, ZmqOutboxSettings settings, ZmqSocketOwners owners,
			ZmqMetrics metrics) {
		this.definition = definition;
		this.settings = settings;
		this.owners = owners;
		this.metrics = metrics;
	}

	/**
	 * Return the name of the outbox's socket.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.definition.name();
	}

	/**
	 * Return how many messages the outbox holds: stored and not acknowledged yet.
	 * @return the count, 0 while stopped
	 */
	public long getDepth() {
		Running current = this.running;
		return (current != null) ? current.store.depth() : 0;
	}

	/**
	 * Return the sequence of the last message the outbox stored, which starts at 0 and goes on
	 * across restarts: the number of messages ever accepted, minus one. A producer that must not
	 * send a message twice after a crash can read how far it got here.
	 * @return the sequence, -1 before the first message
	 * @throws IllegalStateException while the outbox is stopped
	 */
	public long getLastSequence() {
		return required().store.lastSequence();
	}

	/**
	 * Store a message and deliver it.
	 * @param message a {@code byte[]} frame or {@code byte[][]} multipart message
	 * @throws ZmqSendException if the outbox is full, stopped or cannot write
	 */
	public void send(Object message) {
		store(List.of(OutboxStore.encode(message)));
	}

	/**
	 * Store messages in one write and deliver them in order.
	 * @param messages {@code byte[]} frames or {@code byte[][]} multipart messages
	 * @throws ZmqSendException if the outbox is full, stopped or cannot write
	 */
	public void sendBatch(Object[] messages) {
		List<byte[]> encoded = new ArrayList<>(messages.length);
		for (Object message : messages) {
			encoded.add(OutboxStore.encode(message));
		}
		store(encoded);
	}

	private void store(List<byte[]> encoded) {
		Running current = this.running;
		String name = this.definition.name();
		if (current == null) {
			this.metrics.sendFailure(name, "closed");
			throw new ZmqSendException(name, "the outbox is stopped");
		}
		RuntimeException failed = current.store.failure();
		if (failed != null) {
			this.metrics.sendFailure(name, "outbox-write");
			throw new ZmqSendException(name, "the outbox's store failed earlier and is closed; restart the "
					+ "application once the cause is fixed (" + failed.getMessage() + ")", failed);
		}
		long size = 0;
		for (byte[] message : encoded) {
			size += message.length;
		}
		if (current.store.bytes() + size > this.settings.maxSize()) {
			this.metrics.sendFailure(name, "outbox-full");
			throw new ZmqSendException(name, "the outbox is full: it holds " + current.store.bytes()
					+ " bytes of unacknowledged messages and may hold " + this.settings.maxSize()
					+ " (zmq.sockets." + name + ".outbox.max-size)");
		}
		CompletableFuture<Long> stored = current.store.append(encoded);
		stored.thenRun(current.owner::wakeupNow);
		try {
			stored.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqSendException(name,
					"interrupted while the outbox was writing; the message may still be stored and delivered", ex);
		}
		catch (ExecutionException ex) {
			this.metrics.sendFailure(name, "outbox-write");
			throw new ZmqSendException(name, "the outbox could not store the message: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		this.metrics.outboxStored(name, encoded.size());
	}

	/** Open the store and start delivering through the socket's owner. */
	void start() {
		Assert.state(this.running == null, () -> "The outbox of socket " + this.definition.name() + " is running");
		String name = this.definition.name();
		OutboxStore store;
		try {
			store = OutboxStore.open(this.settings.directory(), name, this.settings.sync(),
					Math.max(1024, 2 * this.settings.maxInFlight()));
		}
		catch (RuntimeException ex) {
			throw new ZmqException("Could not open the outbox of socket '" + name + "' in "
					+ this.settings.directory().toAbsolutePath() + " (zmq.sockets." + name + ".outbox.directory): "
					+ ex.getMessage() + "; one process at a time may use it", ex);
		}
		ZmqSocketOwner owner;
		try {
			owner = this.owners.acquire(this.definition);
		}
		catch (RuntimeException ex) {
			store.close(Duration.ofSeconds(5));
			throw ex;
		}
		OutboxDispatcher dispatcher = new OutboxDispatcher(this.definition.name(), store, this.settings.ackTimeout(),
				this.settings.maxInFlight(), this.metrics, owner.getStats(), owner::wakeupNow);
		try {
			owner.attach(dispatcher);
		}
		catch (IllegalStateException ex) {
			owner.release();
			store.close(Duration.ofSeconds(5));
			throw new ZmqException("Socket '" + this.definition.name() + "' has a durable outbox (zmq.sockets."
					+ this.definition.name() + ".outbox.enabled), which receives the acks on it, so no listener or "
					+ "request-reply can use it too: " + ex.getMessage());
		}
		this.running = new Running(store, owner, dispatcher);
	}

	/**
	 * Stop delivering, release the socket and close the store; what is not acknowledged stays
	 * stored and is delivered after the next start.
	 * @param timeout the longest wait
	 */
	void stop(Duration timeout) {
		Running current = this.running;
		if (current == null) {
			return;
		}
		this.running = null;
		try {
			current.owner.detach(current.dispatcher).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// closing anyway
		}
		current.owner.release();
		current.store.close(timeout);
	}

	boolean isRunning() {
		return this.running != null;
	}

	private Running required() {
		Running current = this.running;
		Assert.state(current != null, () -> "The outbox of socket " + this.definition.name() + " is stopped");
		return current;
	}

	private record Running(OutboxStore store, ZmqSocketOwner owner, OutboxDispatcher dispatcher) {
	}

}

package io.zmqspring.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqSendException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketOwners;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.transfer.ZmqTransferMetrics.Direction;

/**
 * Sends payloads far larger than one ZeroMQ message — an {@link InputStream}, a file or a big
 * {@code byte[]} — as chunked transfers on a DEALER socket with {@code transfer.enabled}, to a
 * transfer listener on a ROUTER. Each transfer reads its payload on a sending thread of its own,
 * one chunk at a time, and sends only while the receiver's credit allows, so a transfer never
 * holds more than {@code credit} chunks in memory; its future completes once the receiver has the
 * whole payload with a matching checksum, and fails with a {@link ZmqTransferException} when the
 * receiver refuses or ends it or stays silent for the idle timeout.
 * <p>
 * The socket is used through its {@link ZmqSocketOwner}, shared with the {@code ZmqTemplate}:
 * the template may send on it too, but not run request-reply on it. Many transfers may be in
 * progress on one socket at once.
 *
 * @author zmq-spring-boot
 */
public class ZmqTransferTemplate implements SmartLifecycle {

	/** The lifecycle phase: stopped after the listener containers, as the {@code ZmqTemplate}. */
	public static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Log logger = LogFactory.getLog(ZmqTransferTemplate.class);

	private final ZmqSocketFactory socketFactory;

	private final ZmqTransferRegistry registry;

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final Object monitor = new Object();

	private ZmqTransferMetrics metrics = ZmqTransferMetrics.NONE;

	private ZmqMetrics socketMetrics = ZmqMetrics.NONE;

	private TaskExecutor taskExecutor = defaultExecutor();

	private volatile boolean running;

	private volatile boolean stopped;

	public ZmqTransferTemplate(ZmqSocketFactory socketFactory, ZmqTransferRegistry registry) {
		Assert.notNull(socketFactory, "'socketFactory' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		this.socketFactory = socketFactory;
		this.registry = registry;
	}

	private static TaskExecutor defaultExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("zmq-transfer-");
		executor.setDaemon(true);
		return executor;
	}

	/**
	 * Set where transfers are counted.
	 * @param metrics the metrics
	 */
	public void setMetrics(ZmqTransferMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	/**
	 * Set where answers that match no transfer are counted ({@code zmq.replies.discarded}).
	 * @param socketMetrics the metrics
	 */
	public void setSocketMetrics(ZmqMetrics socketMetrics) {
		Assert.notNull(socketMetrics, "'socketMetrics' must not be null");
		this.socketMetrics = socketMetrics;
	}

	/**
	 * Set the executor that runs each transfer's sending thread. By default every transfer gets
	 * a daemon thread of its own named {@code zmq-transfer-N}. It must not run transfers one
	 * after another on a bounded pool that other work shares: a transfer waits for credit.
	 * @param taskExecutor the executor
	 */
	public void setTaskExecutor(TaskExecutor taskExecutor) {
		Assert.notNull(taskExecutor, "'taskExecutor' must not be null");
		this.taskExecutor = taskExecutor;
	}

	/**
	 * Send a payload held in memory.
	 * @param socket a DEALER socket with {@code transfer.enabled}
	 * @param payload the payload, not copied: do not change it until the future completes
	 * @return completes once the receiver confirmed the whole payload
	 */
	public CompletableFuture<ZmqTransferResult> send(String socket, byte[] payload) {
		return send(socket, payload, ZmqTransferMetadata.NONE);
	}

	/**
	 * Send a payload held in memory, with metadata.
	 * @param socket a DEALER socket with {@code transfer.enabled}
	 * @param payload the payload, not copied: do not change it until the future completes
	 * @param metadata its name, content type and headers
	 * @return completes once the receiver confirmed the whole payload
	 */
	public CompletableFuture<ZmqTransferResult> send(String socket, byte[] payload, ZmqTransferMetadata metadata) {
		Assert.notNull(payload, "'payload' must not be null");
		return start(socket, TransferSource.of(payload), metadata);
	}

	/**
	 * Send a file, named after its file name.
	 * @param socket a DEALER socket with {@code transfer.enabled}
	 * @param file the file
	 * @return completes once the receiver confirmed the whole payload
	 * @throws UncheckedIOException if the file cannot be opened
	 */
	public CompletableFuture<ZmqTransferResult> send(String socket, Path file) {
		Assert.notNull(file, "'file' must not be null");
		Path name = file.getFileName();
		return send(socket, file,
				(name != null) ? ZmqTransferMetadata.named(name.toString()) : ZmqTransferMetadata.NONE);
	}

	/**
	 * Send a file, with metadata.
	 * @param socket a DEALER socket with {@code transfer.enabled}
	 * @param file the file
	 * @param metadata its name, content type and headers
	 * @return completes once the receiver confirmed the whole payload
	 * @throws UncheckedIOException if the file cannot be opened
	 */
	public CompletableFuture<ZmqTransferResult> send(String socket, Path file, ZmqTransferMetadata metadata) {
		Assert.notNull(file, "'file' must not be null");
		Channel channel = channel(socket);
		try {
			return start(channel, TransferSource.of(file), metadata);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot send " + file + " on socket '" + socket + "'", ex);
		}
	}

	/**
	 * Send a stream, read to its end; the stream is closed when the transfer ends.
	 * @param socket a DEALER socket with {@code transfer.enabled}
	 * @param stream the stream, read on the transfer's sending thread
	 * @return completes once the receiver confirmed the whole payload
	 */
	public CompletableFuture<ZmqTransferResult> send(String socket, InputStream stream) {
		return send(socket, stream, ZmqTransferMetadata.NONE);
	}

	/**
	 * Send a stream, with metadata; the stream is closed when the transfer ends.
	 * @param socket a DEALER socket with {@code transfer.enabled}
	 * @param stream the stream, read on the transfer's sending thread
	 * @param metadata its name, content type and headers
	 * @return completes once the receiver confirmed the whole payload
	 */
	public CompletableFuture<ZmqTransferResult> send(String socket, InputStream stream,
			ZmqTransferMetadata metadata) {
		Assert.notNull(stream, "'stream' must not be null");
		return start(socket, TransferSource.of(stream), metadata);
	}

	private CompletableFuture<ZmqTransferResult> start(String socket, TransferSource source,
			ZmqTransferMetadata metadata) {
		return start(channel(socket), source, metadata);
	}

	private CompletableFuture<ZmqTransferResult> start(Channel channel, TransferSource source,
			ZmqTransferMetadata metadata) {
		Assert.notNull(metadata, "'metadata' must not be null");
		OutboundTransfer transfer;
		do {
			transfer = new OutboundTransfer(ThreadLocalRandom.current().nextLong(), channel.owner.getName(), source,
					metadata, channel.settings, this.metrics);
		}
		while (!channel.receiver.add(transfer));
		OutboundTransfer starting = transfer;
		this.taskExecutor.execute(() -> starting.run(channel.owner));
		return transfer.future;
	}

	/** Return the channel of a socket, opening it and attaching its receiver on first use. */
	private Channel channel(String socket) {
		Channel channel = this.channels.get(socket);
		if (channel != null && channel.owner.isOpen()) {
			return channel;
		}
		synchronized (this.monitor) {
			if (this.stopped) {
				throw new ZmqSendException(socket, "the transfer template is stopped");
			}
			channel = this.channels.get(socket);
			if (channel != null && channel.owner.isOpen()) {
				return channel;
			}
			ZmqTransferSettings settings = this.registry.get(socket);
			ZmqSocketDefinition definition = this.socketFactory.getRegistry().getDefinition(socket);
			if (definition.type() != ZmqSocketType.DEALER) {
				throw new ZmqSendException(socket, "transfers are sent on a DEALER socket, but this socket is "
						+ definition.type());
			}
			ZmqSocketOwner owner = this.socketFactory.getOwners().acquire(definition);
			TransferSenderChannel receiver = new TransferSenderChannel(socket, this.socketMetrics);
			try {
				owner.attach(receiver);
			}
			catch (IllegalStateException ex) {
				owner.release();
				throw new ZmqSendException(socket, "the socket already hands what it receives to someone else (a "
						+ "listener, or the template's request-reply); transfers need a DEALER socket of their own");
			}
			Channel opened = new Channel(owner, receiver, settings);
			if (channel == null) {
				this.metrics.active(socket, Direction.SENT, () -> currentSize(socket));
			}
			this.channels.put(socket, opened);
			return opened;
		}
	}

	private int currentSize(String socket) {
		Channel channel = this.channels.get(socket);
		return (channel != null) ? channel.receiver.size() : 0;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			this.stopped = false;
			this.running = true;
		}
	}

	/**
	 * Fail the transfers in progress (their receivers are told) and release the sockets.
	 */
	@Override
	public void stop() {
		List<ZmqSocketOwner> closing = new ArrayList<>();
		synchronized (this.monitor) {
			this.stopped = true;
			this.running = false;
			for (Channel channel : this.channels.values()) {
				channel.receiver.endAll("shutdown");
				channel.owner.detach(channel.receiver);
				if (channel.owner.release()) {
					closing.add(channel.owner);
				}
			}
			this.channels.clear();
		}
		for (ZmqSocketOwner late : ZmqSocketOwners.awaitClosed(closing, java.time.Duration.ofSeconds(5))) {
			logger.warn("ZeroMQ socket " + late.getName() + " did not close within 5 s");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private record Channel(ZmqSocketOwner owner, TransferSenderChannel receiver, ZmqTransferSettings settings) {
	}

}

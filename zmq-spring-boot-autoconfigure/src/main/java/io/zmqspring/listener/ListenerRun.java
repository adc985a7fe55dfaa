package io.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import org.springframework.core.task.TaskExecutor;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqKeepAlive;
import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.core.ZmqSocketReceiver;
import io.zmqspring.core.ZmqSocketType;
import io.zmqspring.event.ZmqListenerContainerStartedEvent;
import io.zmqspring.event.ZmqListenerContainerStoppedEvent;

/**
 * One start-to-stop cycle of a {@link ZmqListenerContainer}: the use of the socket's owner, and the workers. The owner's
 * thread hands each message here; with a concurrency of one it runs the listener right there,
 * the fastest path, otherwise it submits to the workers.
 */
final class ListenerRun implements ZmqSocketReceiver {

	private static final Log logger = LogFactory.getLog(ZmqListenerContainer.class);

	/** Invalid messages come from the network: a flood of them must not flood the log. */
	private static final ZmqRateLimitedLog invalidMessages = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	private final ZmqListenerContainer container;

	private final String id;

	private final ZmqSocketDefinition definition;

	private final ZmqMessageListener listener;

	private final ZmqSocketFactory socketFactory;

	private final InboundParser parser;

	private ListenerInvoker invoker;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private final List<Runnable> callbacks = new ArrayList<>();

	private volatile boolean running = true;

	private volatile long stopDeadline;

	private ZmqSocketOwner owner;

	private @Nullable ListenerWorkers<ZmqInboundMessage> workers;

	private @Nullable ListenerBatcher batcher;

	/** The receiver of a listener that runs a protocol of its own ({@link ZmqFramesListener}). */
	private @Nullable ZmqSocketReceiver framed;

	ListenerRun(ZmqListenerContainer container, String id, ZmqSocketDefinition definition,
			ZmqMessageListener listener, ZmqSocketFactory socketFactory) {
		this.container = container;
		this.id = id;
		this.definition = definition;
		this.listener = listener;
		this.socketFactory = socketFactory;
		ZmqSocketType type = this.definition.type();
		String socketName = this.definition.name();
		this.parser = new InboundParser(this.id, socketName, type,
				this.definition.topics(),
				this.definition.options().headers(),
				(dropped) -> this.container.metrics().headersDropped(socketName, dropped));
	}

	private ZmqMessageListener observed(ZmqSocketType type) {
		ObservationRegistry registry = this.container.observationRegistry();
		return (registry != null) ? new ObservingMessageListener(this.listener, type,
				registry, this.container.observationConvention()) : this.listener;
	}

	void start() {
		ZmqSocketOwner acquired = this.socketFactory.getOwners()
			.acquire(this.definition);
		try {
			this.owner = acquired;
			ListenerOutput output = new ListenerOutput(this.id, acquired,
					this.container.metrics(), this.container.forward());
			this.invoker = invoker(output);
			ZmqBatchSettings batchSettings = this.container.batch();
			if (this.listener instanceof ZmqFramesListener frames) {
				this.framed = frames.open(new ZmqListenerContext(this.id, acquired, taskExecutor(),
						this.container.concurrency(), this.container.stopTimeout(), this.container.metrics(),
						this.container.errorHandler()));
			}
			else if (batchSettings != null) {
				this.batcher = batcher(batchSettings, acquired, output);
				this.batcher.start();
			}
			else if (this.container.concurrency() > 1) {
				this.workers = new ListenerWorkers<>(this.invoker::process, acquired, output,
						this.id, this.container.concurrency(), taskExecutor());
				this.workers.start();
				this.container.registerQueueGauge();
			}
			acquired.attach(this);
		}
		catch (RuntimeException ex) {
			this.running = false;
			if (this.workers != null) {
				this.workers.finish(System.nanoTime());
			}
			if (this.batcher != null) {
				this.batcher.finish(System.nanoTime());
			}
			if (this.framed != null) {
				// never attached: nothing in hand yet, so this only ends its handler threads
				this.framed.finish();
			}
			acquired.release();
			throw ex;
		}
		ZmqKeepAlive.acquire();
		this.container.eventPublisher().publish(new ZmqListenerContainerStartedEvent(
				this.container, this.id,
				this.definition.name(), this.definition.type()));
	}

	private ListenerBatcher batcher(ZmqBatchSettings settings, ZmqSocketOwner acquired, ListenerOutput output) {
		String socketName = this.definition.name();
		BatchListenerInvoker batchInvoker = new BatchListenerInvoker(this.id, socketName,
				(ZmqBatchMessageListener) this.listener, this.container.errorHandler(), this.container.metrics(),
				this.container.timerEnabled() ? this.container.metrics().listenerTimer(this.id, socketName) : null);
		ListenerWorkers<List<ZmqInboundMessage>> batchWorkers = (this.container.concurrency() > 1)
				? new ListenerWorkers<>(batchInvoker::process, acquired, output, this.id,
						this.container.concurrency(), taskExecutor())
				: null;
		return new ListenerBatcher(this.id, settings, batchInvoker, batchWorkers);
	}

	private ListenerInvoker invoker(ListenerOutput output) {
		String socketName = this.definition.name();
		ListenerInvoker created = new ListenerInvoker(this.id, socketName,
				this.definition.type(), observed(this.definition.type()),
				this.container.errorHandler(), this.container.replyConverter(),
				this.container.metrics(),
				this.container.timerEnabled()
						? this.container.metrics().listenerTimer(this.id, socketName)
						: null,
				output, this.container.asyncReplyTimeout());
		created.trackDeliveries(this.container.deliveryTracker());
		return created;
	}

	private TaskExecutor taskExecutor() {
		TaskExecutor executor = this.container.taskExecutor();
		return (executor != null) ? executor : ListenerWorkers.defaultExecutor(this.id, false);
	}

	boolean isRunning() {
		return this.running;
	}

	@Nullable ListenerWorkers<ZmqInboundMessage> workers() {
		return this.workers;
	}

	ZmqSocketOwner owner() {
		return this.owner;
	}

	boolean isTerminated() {
		return this.terminated.isDone();
	}

	void requestStop(@Nullable Runnable callback) {
		synchronized (this.callbacks) {
			if (callback != null) {
				if (isTerminated()) {
					callback.run();
					return;
				}
				this.callbacks.add(callback);
			}
			if (!this.running) {
				return;
			}
			this.running = false;
		}
		this.stopDeadline = System.nanoTime() + this.container.stopTimeout().toNanos();
		ZmqSocketOwner current = this.owner;
		current.detach(this)
			.thenCompose((detached) -> current.release() ? current.closed() : CompletableFuture.completedFuture(null))
			.completeOnTimeout(null, this.container.stopTimeout().toMillis() + 100, TimeUnit.MILLISECONDS)
			.whenComplete((result, ex) -> terminate());
	}

	private void terminate() {
		if (!this.owner.isDetached(this)) {
			logger.warn("Listener '" + this.id + "' on socket "
					+ this.definition.name() + " did not stop within "
					+ this.container.stopTimeout().toMillis()
					+ " ms (a handler is still busy); the socket closes once it returns");
		}
		List<Runnable> toRun;
		synchronized (this.callbacks) {
			if (!this.terminated.complete(null)) {
				return;
			}
			toRun = new ArrayList<>(this.callbacks);
		}
		ZmqKeepAlive.release();
		this.container.eventPublisher().publish(new ZmqListenerContainerStoppedEvent(
				this.container, this.id,
				this.definition.name(), this.definition.type()));
		toRun.forEach(Runnable::run);
	}

	boolean awaitTermination(Duration timeout) {
		try {
			this.terminated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	@Override
	public void opened(ZMQ.Socket socket) {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			stage.opened(socket);
		}
		else if (this.definition.type() == ZmqSocketType.XSUB) {
			subscribe(socket, this.definition.topics());
		}
	}

	/** An XSUB listener subscribes by sending {@code 0x01 + topic}; JeroMQ replays it to new peers. */
	private static void subscribe(ZMQ.Socket socket, List<String> topics) {
		for (String topic : topics.isEmpty() ? List.of("") : topics) {
			byte[] name = topic.getBytes(StandardCharsets.UTF_8);
			byte[] subscription = new byte[name.length + 1];
			subscription[0] = 1;
			System.arraycopy(name, 0, subscription, 1, name.length);
			socket.send(subscription, 0);
		}
	}

	@Override
	public boolean ready() {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			return stage.ready();
		}
		ListenerBatcher batching = this.batcher;
		if (batching != null) {
			return batching.ready();
		}
		ListenerWorkers<ZmqInboundMessage> current = this.workers;
		return current == null || current.ready();
	}

	@Override
	public long work(long now) {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			return stage.work(now);
		}
		ListenerBatcher batching = this.batcher;
		return (batching != null) ? batching.work(now) : Long.MAX_VALUE;
	}

	@Override
	public boolean isIdle() {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			return stage.isIdle();
		}
		ListenerBatcher batching = this.batcher;
		return batching == null || batching.isEmpty();
	}

	@Override
	public @Nullable List<byte[]> receive(List<byte[]> frames) {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			return stage.receive(frames);
		}
		ZmqInboundMessage message = this.parser.parse(frames);
		if (message == null) {
			String reason = this.parser.invalidReason(frames);
			this.container.metrics().invalidMessage(this.definition.name(), reason);
			invalidMessages.warn(this.id, "Listener '" + this.id
					+ "' on socket " + this.definition.name() + " rejected a message of "
					+ frames.size() + " frame(s): " + reason, null);
			return null;
		}
		ListenerBatcher batching = this.batcher;
		if (batching != null) {
			batching.add(message);
			return null;
		}
		ListenerWorkers<ZmqInboundMessage> current = this.workers;
		if (current != null) {
			current.submit(message);
			return null;
		}
		return this.invoker.process(message);
	}

	@Override
	public boolean finish() {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			return stage.finish();
		}
		ListenerBatcher batching = this.batcher;
		if (batching != null) {
			return batching.finish(this.stopDeadline);
		}
		ListenerWorkers<ZmqInboundMessage> current = this.workers;
		if (current != null && !current.finish(this.stopDeadline)) {
			return false;
		}
		int pending = this.invoker.pendingResults();
		if (pending == 0) {
			return true;
		}
		if (System.nanoTime() - this.stopDeadline >= 0) {
			logger.warn("Listener '" + this.id + "': " + pending
					+ " asynchronous result(s) still pending at the stop timeout; stopping without them");
			return true;
		}
		return false;
	}

	@Override
	public void socketLost(ZmqException reason) {
		ZmqSocketReceiver stage = this.framed;
		if (stage != null) {
			stage.socketLost(reason);
		}
	}

	@Override
	public String toString() {
		return "listener '" + this.id + "'";
	}

}

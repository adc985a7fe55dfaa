package io.zmqspring.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * The one thread that writes an {@link MVStore}: changes are handed to it and applied in order,
 * then committed together (group commit) and, when the sync policy says so, forced to the disk;
 * a change's future completes once the commit that holds it is done. Doing all writes on a thread
 * of its own keeps them off callers that may be interrupted (an interrupt closes a Java file
 * channel, and the store with it), and lets many callers share one {@code fsync}.
 * <p>
 * A failed write (for example a full disk) makes MVStore close the store; from then on every
 * change fails at once with that failure.
 *
 * @author zmq-spring-boot
 */
final class StoreWriter {

	private static final Log logger = LogFactory.getLog(StoreWriter.class);

	/** How long changes that need not be durable at once wait for a commit of their own. */
	private static final long LAZY_COMMIT_MILLIS = 50;

	private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final String name;

	private final MVStore store;

	private final ZmqOutboxSync sync;

	private final Runnable housekeeping;

	private final LinkedBlockingQueue<Change<?>> queue = new LinkedBlockingQueue<>();

	private final Thread thread;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private volatile @Nullable RuntimeException failure;

	private volatile boolean closing;

	/**
	 * Start the writer of a store.
	 * @param name the thread's name
	 * @param store the store, opened with auto-commit disabled
	 * @param sync when a change counts as done
	 * @param housekeeping run now and then while there is nothing to write, on the writer's thread
	 */
	StoreWriter(String name, MVStore store, ZmqOutboxSync sync, Runnable housekeeping) {
		this.name = name;
		this.store = store;
		this.sync = sync;
		this.housekeeping = housekeeping;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Apply a change on the writer's thread.
	 * @param <T> the change's result
	 * @param change the change, which only puts into and removes from the store's maps
	 * @param durable whether the future completes only once the change is committed as the sync
	 * policy says; otherwise it completes once the change ran, and the change is committed with
	 * the next durable one or soon after
	 * @return the change's result
	 */
	<T> CompletableFuture<T> submit(Supplier<T> change, boolean durable) {
		return submit(change, durable, null);
	}

	/**
	 * Apply a change on the writer's thread, and once it is committed run a step on that thread
	 * too, before the future completes.
	 * @param <T> the change's result
	 * @param change the change
	 * @param durable whether the future waits for the commit as the sync policy says
	 * @param committed run with the change's result once it is committed, or {@code null}
	 * @return the change's result
	 */
	<T> CompletableFuture<T> submit(Supplier<T> change, boolean durable, @Nullable Consumer<T> committed) {
		Change<T> task = new Change<>(change, durable, committed);
		RuntimeException failed = this.failure;
		if (failed != null) {
			task.future.completeExceptionally(failed);
			return task.future;
		}
		if (this.closing) {
			task.future.completeExceptionally(new IllegalStateException("The store " + this.name + " is closed"));
			return task.future;
		}
		this.queue.add(task);
		return task.future;
	}

	/**
	 * Return why the store failed.
	 * @return the failure, or {@code null} while the store works
	 */
	@Nullable RuntimeException getFailure() {
		return this.failure;
	}

	/**
	 * Write what is queued, commit it and close the store.
	 * @param timeout the longest wait
	 */
	void close(Duration timeout) {
		this.closing = true;
		this.queue.add(new Change<>(() -> null, true, null));
		try {
			this.terminated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("The store " + this.name + " did not close within " + timeout.toMillis() + " ms");
		}
	}

	private void run() {
		long lastHousekeeping = System.nanoTime();
		List<Change<?>> batch = new ArrayList<>();
		try {
			while (!this.closing || !this.queue.isEmpty()) {
				Thread.interrupted();
				boolean unsaved = this.failure == null && this.store.hasUnsavedChanges();
				Change<?> first = this.queue.poll(unsaved ? LAZY_COMMIT_MILLIS : 1000, TimeUnit.MILLISECONDS);
				if (first == null) {
					if (unsaved) {
						commitLazily();
					}
					else if (System.nanoTime() - lastHousekeeping >= HOUSEKEEPING_NANOS) {
						lastHousekeeping = System.nanoTime();
						houseKeep();
					}
					continue;
				}
				batch.add(first);
				if (this.sync != ZmqOutboxSync.ALWAYS || !first.durable) {
					this.queue.drainTo(batch);
				}
				write(batch);
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			// never interrupted by the starter; close below
		}
		finally {
			close();
		}
	}

	private void write(List<Change<?>> batch) {
		RuntimeException failed = this.failure;
		if (failed == null) {
			for (Change<?> change : batch) {
				change.apply();
			}
			try {
				if (batch.stream().anyMatch((change) -> change.durable)) {
					this.store.commit();
					if (this.sync.forcesToDisk()) {
						this.store.sync();
					}
				}
			}
			catch (RuntimeException ex) {
				failed = ex;
				this.failure = ex;
				logger.error("The store " + this.name + " failed to write and is closed: " + ex.getMessage(), ex);
			}
		}
		for (Change<?> change : batch) {
			change.complete(failed);
		}
	}

	private void commitLazily() {
		try {
			this.store.commit();
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			logger.error("The store " + this.name + " failed to write and is closed: " + ex.getMessage(), ex);
		}
	}

	private void houseKeep() {
		if (this.failure != null) {
			return;
		}
		try {
			this.housekeeping.run();
			if (this.store.hasUnsavedChanges()) {
				this.store.commit();
			}
			// rewrite chunks that are less than half full, a few MB at a time
			this.store.compact(50, 4 * 1024 * 1024);
		}
		catch (RuntimeException ex) {
			logger.warn(LogMessage.of(() -> "Housekeeping of the store " + this.name + " failed: " + ex));
			if (this.store.isClosed()) {
				this.failure = ex;
			}
		}
	}

	private void close() {
		RuntimeException closed = new IllegalStateException("The store " + this.name + " is closed");
		Change<?> left;
		while ((left = this.queue.poll()) != null) {
			left.future.completeExceptionally(closed);
		}
		try {
			if (!this.store.isClosed()) {
				this.store.close();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not close the store " + this.name + ": " + ex.getMessage());
		}
		this.terminated.complete(null);
	}

	private static final class Change<T> {

		final Supplier<T> change;

		final boolean durable;

		final CompletableFuture<T> future = new CompletableFuture<>();

		private final @Nullable Consumer<T> committed;

		private @Nullable T result;

		private @Nullable RuntimeException error;

		Change(Supplier<T> change, boolean durable, @Nullable Consumer<T> committed) {
			this.change = change;
			this.durable = durable;
			this.committed = committed;
		}

		void apply() {
			try {
				this.result = this.change.get();
			}
			catch (RuntimeException ex) {
				this.error = ex;
			}
		}

		void complete(@Nullable RuntimeException storeFailure) {
			if (storeFailure != null) {
				this.future.completeExceptionally(storeFailure);
			}
			else if (this.error != null) {
				this.future.completeExceptionally(this.error);
			}
			else {
				if (this.committed != null) {
					try {
						this.committed.accept(this.result);
					}
					catch (RuntimeException ex) {
						this.future.completeExceptionally(ex);
						return;
					}
				}
				this.future.complete(this.result);
			}
		}

	}

}

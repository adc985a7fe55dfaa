package io.zmqspring.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.ClassUtils;

/**
 * The asynchronous results a listener method may return: a {@link CompletionStage} (such as a
 * {@link CompletableFuture}) and, when Reactor is on the classpath, a {@code Mono}.
 *
 * @author zmq-spring-boot
 */
final class AsyncResults {

	private static final boolean reactorPresent = ClassUtils.isPresent("reactor.core.publisher.Mono",
			AsyncResults.class.getClassLoader());

	private AsyncResults() {
	}

	/**
	 * Whether a result completes later.
	 * @param result the handler's result
	 * @return {@code true} for a {@link CompletionStage} or a {@code Mono}
	 */
	static boolean isAsync(@Nullable Object result) {
		return result instanceof CompletionStage<?> || (reactorPresent && ReactorResults.isMono(result));
	}

	/**
	 * Return the future of an asynchronous result; a {@code Mono} is subscribed to now.
	 * @param result the handler's result
	 * @return the future, or {@code null} if the result is not asynchronous
	 */
	static @Nullable CompletableFuture<?> toFuture(@Nullable Object result) {
		if (result instanceof CompletionStage<?> stage) {
			return stage.toCompletableFuture();
		}
		return reactorPresent ? ReactorResults.toFuture(result) : null;
	}

	/**
	 * Whether the future of a result was made here, so that cancelling it cancels no future of
	 * the application's but only the subscription to its {@code Mono}.
	 * @param result the handler's result
	 * @return {@code true} for a {@code Mono}
	 */
	static boolean ownsFuture(@Nullable Object result) {
		return !(result instanceof CompletionStage<?>);
	}

	/**
	 * Return the failure behind the wrapper a future puts around it.
	 * @param ex what the future completed with
	 * @return the cause of a {@link CompletionException} or {@link ExecutionException}, else
	 * {@code ex}
	 */
	static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/** Loaded only when Reactor is present. */
	private static final class ReactorResults {

		static boolean isMono(@Nullable Object result) {
			return result instanceof Mono<?>;
		}

		static @Nullable CompletableFuture<?> toFuture(@Nullable Object result) {
			return (result instanceof Mono<?> mono) ? mono.toFuture() : null;
		}

	}

}

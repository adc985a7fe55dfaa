package io.zmqspring.template;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.Assert;

import io.zmqspring.core.ZmqReplyTimeoutException;

/**
 * How {@link ZmqTemplate} runs request-reply on one REQ or DEALER socket, beyond the reply
 * timeout: whether a request is sent again when a try gets no reply in time (the Guide's Lazy
 * Pirate), and whether a request fails at once when no peer is connected.
 * <p>
 * Retries make request-reply <em>at-least-once</em>: a server that was only slow, or whose reply
 * was lost, sees the request again, so its handling should be idempotent. Each try goes out as a
 * new message with a new correlation id; the reply to an earlier try that arrives later is
 * discarded ({@code zmq.replies.discarded}). With several connect endpoints, the socket's
 * round-robin sends each try to the next connected peer, which is the failover.
 *
 * @param retryPolicy which failures of a try are retried, how often and after what back-off, or
 * {@code null} to send every request once; {@link #retryOnTimeout(long)} builds the usual one
 * @param tryTimeout how long each try waits for its reply; the request's own timeout still
 * bounds all tries together. Required with a retry policy.
 * @param failFastWhenDisconnected whether a request fails at once with a
 * {@link io.zmqspring.core.ZmqSendException} while the socket has no connection to a peer that
 * answered ({@link io.zmqspring.core.ZmqSocketStats#getGreetedConnections()}), and the requests
 * in flight fail when its last such connection closes, instead of waiting for their timeout; until
 * a peer first answered (right after startup), requests wait as usual
 * @author zmq-spring-boot
 */
public record ZmqRequestPolicy(@Nullable RetryPolicy retryPolicy, @Nullable Duration tryTimeout,
		boolean failFastWhenDisconnected) {

	/** Every request is sent once and waits for its timeout: the template's default. */
	public static final ZmqRequestPolicy DEFAULT = new ZmqRequestPolicy(null, null, false);

	public ZmqRequestPolicy {
		Assert.isTrue(retryPolicy == null || tryTimeout != null, "'tryTimeout' is required with a retry policy");
		Assert.isTrue(tryTimeout == null || (!tryTimeout.isNegative() && !tryTimeout.isZero()),
				"'tryTimeout' must be positive");
	}

	/**
	 * Return a retry policy that sends a request again, at once, when a try got no reply within
	 * its try timeout, up to a number of times; any other failure (an error reply, a closed
	 * socket) ends the request.
	 * @param retries how many times to send a request again, at least one
	 * @return the policy
	 */
	public static RetryPolicy retryOnTimeout(long retries) {
		Assert.isTrue(retries > 0, "'retries' must be at least 1");
		return RetryPolicy.builder()
			.maxRetries(retries)
			.delay(Duration.ZERO)
			.includes(ZmqReplyTimeoutException.class)
			.build();
	}

}

package io.zmqspring.outbox;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a listener socket's side of durable outboxes runs.
 *
 * @param directory the directory of its delivery log ({@code <socket>.dedup.mv.db})
 * @param sync when the start of a handler counts as recorded
 * @param retention how long entries that cannot be folded into a sender's watermark are kept
 * @author zmq-spring-boot
 */
public record ZmqDedupSettings(Path directory, ZmqOutboxSync sync, Duration retention) {

	public ZmqDedupSettings {
		Assert.notNull(directory, "'directory' must not be null");
		Assert.notNull(sync, "'sync' must not be null");
		Assert.isTrue(!retention.isNegative() && !retention.isZero(), "'retention' must be positive");
	}

}

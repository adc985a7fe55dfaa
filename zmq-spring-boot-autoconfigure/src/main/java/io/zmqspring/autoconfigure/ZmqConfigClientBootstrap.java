package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;

import io.zmqspring.config.ZmqConfigProtocol;
import io.zmqspring.config.ZmqConfigProtocolException;
import io.zmqspring.config.ZmqConfigSnapshot;
import io.zmqspring.converter.ByteArrayZmqMessageConverter;
import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.core.ZmqContextSupervisor;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketOptions;
import io.zmqspring.core.ZmqSocketRegistry;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqTemplate;

/**
 * Fetches the configuration client's first snapshot before the application context exists, with
 * the starter's own machinery on a context of its own: the snapshot socket from
 * {@code zmq.sockets} (options and security included), its owner thread and the template's
 * request-reply. A request without a reply within the snapshot timeout is sent again, until the
 * startup timeout; then everything is closed again.
 *
 * @author zmq-spring-boot
 */
final class ZmqConfigClientBootstrap {

	private static final long MIN_TRY_MILLIS = 100;

	/** The template times a request out itself; waiting on its future a little longer never cuts it short. */
	private static final long REPLY_MARGIN_MILLIS = 1000;

	private ZmqConfigClientBootstrap() {
	}

	/**
	 * Fetch a snapshot.
	 * @param socket the snapshot socket
	 * @param defaults the default socket options
	 * @param startupTimeout how long to try
	 * @param snapshotTimeout how long one try waits
	 * @param closeTimeout how long closing may take (zmq.context.shutdown-timeout)
	 * @param logger where to log
	 * @return the snapshot, or {@code null} if none arrived in time
	 */
	static @Nullable ZmqConfigSnapshot fetch(ZmqSocketDefinition socket, ZmqSocketOptions defaults,
			Duration startupTimeout, Duration snapshotTimeout, Duration closeTimeout, Log logger) {
		ZContext context = new ZContext(1);
		ZmqContextSupervisor.supervise(context, ZmqMetrics.NONE);
		try {
			ZmqSocketFactory factory = new ZmqSocketFactory(context, new ZmqSocketRegistry(List.of(socket), defaults),
					List.of(), closeTimeout);
			ZmqTemplate template = new ZmqTemplate(factory,
					CompositeZmqMessageConverter.of(new ByteArrayZmqMessageConverter()));
			template.setStopTimeout(closeTimeout);
			template.start();
			try {
				return fetch(template, socket.name(), startupTimeout, snapshotTimeout, logger);
			}
			finally {
				template.stop();
			}
		}
		finally {
			try {
				new ZmqContextCloser(context, closeTimeout).destroy();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static @Nullable ZmqConfigSnapshot fetch(ZmqTemplate template, String socket, Duration startupTimeout,
			Duration snapshotTimeout, Log logger) {
		long deadline = System.nanoTime() + startupTimeout.toNanos();
		while (true) {
			long start = System.nanoTime();
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - start);
			if (left <= 0) {
				return null;
			}
			long tryMillis = Math.max(1, Math.min(snapshotTimeout.toMillis(), left));
			try {
				List<byte[]> reply = template
					.sendAndReceiveAsync(socket, ZmqConfigProtocol.snapshotRequest(), Duration.ofMillis(tryMillis))
					.get(tryMillis + REPLY_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
				return ZmqConfigProtocol.readSnapshot(reply);
			}
			catch (ExecutionException | TimeoutException | RuntimeException ex) {
				Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
				if (cause instanceof ZmqConfigProtocolException) {
					logger.warn("The configuration server sent an invalid snapshot on socket " + socket
							+ "; asking again: " + cause.getMessage());
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("No snapshot on socket " + socket + " yet: " + cause);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			// a try that failed at once (no peer, an error reply) is not repeated faster than one a timeout ended
			long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			long pause = Math.min(Math.max(MIN_TRY_MILLIS, tryMillis) - elapsed,
					TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
			if (pause > 0 && !pause(pause)) {
				return null;
			}
		}
	}

	private static boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

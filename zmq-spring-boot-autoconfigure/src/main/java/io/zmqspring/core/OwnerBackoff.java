package io.zmqspring.core;

import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

/**
 * Opens a {@link ZmqSocketOwner}'s failed socket again, with back-off. It waits on the owner's
 * monitor, so that the last release ends the wait at once, and gives up when the owner closes
 * meanwhile (dropping what is queued) or the context closed. Runs on the owner's thread only.
 *
 * @author zmq-spring-boot
 */
final class OwnerBackoff {

	static final long FIRST_BACKOFF_MILLIS = 100;

	static final long MAX_BACKOFF_MILLIS = 5000;

	private static final Log logger = LogFactory.getLog(ZmqSocketOwner.class);

	private final String name;

	/** The owner's monitor, which its last release notifies. */
	private final Object monitor;

	/** Whether the owner is closing; read under the monitor. */
	private final BooleanSupplier closing;

	private final OwnerOutbound outbound;

	private final ZmqSocketFactory factory;

	private final OwnerSocket opened;

	private final Runnable clearInterrupt;

	/** Marks the owner running again, right after its socket opened. */
	private final Runnable reopened;

	OwnerBackoff(String name, Object monitor, BooleanSupplier closing, OwnerOutbound outbound,
			ZmqSocketFactory factory, OwnerSocket opened, Runnable clearInterrupt, Runnable reopened) {
		this.name = name;
		this.monitor = monitor;
		this.closing = closing;
		this.outbound = outbound;
		this.factory = factory;
		this.opened = opened;
		this.clearInterrupt = clearInterrupt;
		this.reopened = reopened;
	}

	/** Open the socket again; {@code false} if the owner closes meanwhile or the context closed. */
	boolean reopen() {
		long backoff = FIRST_BACKOFF_MILLIS;
		while (true) {
			synchronized (this.monitor) {
				if (this.closing.getAsBoolean()) {
					this.outbound.dropRemaining();
					return false;
				}
				try {
					this.monitor.wait(backoff);
				}
				catch (InterruptedException ex) {
					// Never stop on an interrupt: only a release closes the owner
				}
				if (this.closing.getAsBoolean()) {
					this.outbound.dropRemaining();
					return false;
				}
			}
			if (this.factory.getContext().isClosed()) {
				return false;
			}
			this.clearInterrupt.run();
			try {
				this.opened.open();
				this.reopened.run();
				logger.info(LogMessage.of(() -> "ZeroMQ socket " + this.name + " is open again after a failure"));
				return true;
			}
			catch (RuntimeException ex) {
				long waited = backoff;
				logger.warn(LogMessage.of(() -> "ZeroMQ socket " + this.name + " could not be opened again (retrying in "
						+ Math.min(waited * 2, MAX_BACKOFF_MILLIS) + " ms): " + ex.getMessage()));
				backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
			}
		}
	}

}

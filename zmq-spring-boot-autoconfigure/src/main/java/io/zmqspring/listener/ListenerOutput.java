package io.zmqspring.listener;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import org.springframework.core.log.LogMessage;

import io.zmqspring.core.ZmqException;
import io.zmqspring.core.ZmqFrames;
import io.zmqspring.core.ZmqSingleFrames;
import io.zmqspring.core.ZmqOutbound;
import io.zmqspring.core.ZmqRateLimitedLog;
import io.zmqspring.core.ZmqSocketOwner;
import io.zmqspring.metrics.ZmqMetrics;
import io.zmqspring.template.ZmqOperations;

/**
 * Where a running listener's results go when they are not sent by the owner right away: replies
 * from handler workers and from results that complete later, handed to the socket's owner, which
 * sends them; and results forwarded to another socket ({@code @SendTo}) through the template.
 * Safe from any thread; nothing here ever touches a socket.
 *
 * @author zmq-spring-boot
 */
final class ListenerOutput {

	private static final Log logger = LogFactory.getLog(ListenerOutput.class);

	/** Forwarding fails for reasons of the network (no room, no peer): never flood the log with it. */
	private static final ZmqRateLimitedLog forwardFailures = new ZmqRateLimitedLog(logger, Duration.ofMinutes(1));

	private final String listenerId;

	private final ZmqSocketOwner owner;

	private final ZmqMetrics metrics;

	private final @Nullable Forward forward;

	/**
	 * Create the output of one listener run.
	 * @param listenerId the listener id
	 * @param owner the owner of the listener's socket, which sends its replies
	 * @param metrics where failures are counted
	 * @param forward where return values go instead of back to the peer, or {@code null}
	 */
	ListenerOutput(String listenerId, ZmqSocketOwner owner, ZmqMetrics metrics, @Nullable Forward forward) {
		this.listenerId = listenerId;
		this.owner = owner;
		this.metrics = metrics;
		this.forward = forward;
	}

	/**
	 * Whether return values are forwarded to another socket instead of replied.
	 * @return {@code true} with {@code @SendTo}
	 */
	boolean forwards() {
		return this.forward != null;
	}

	/**
	 * Hand a reply to the socket's owner, which sends it; a reply the socket cannot take is
	 * counted and logged.
	 * @param frames the reply, envelope first
	 */
	void reply(List<byte[]> frames) {
		try {
			this.owner.send(new Reply(frames));
		}
		catch (ZmqException ex) {
			dropped("the socket could not take it: " + ex.getMessage());
		}
	}

	/**
	 * Send a return value to the forwarding socket. A failure (no room within the socket's send
	 * timeout, a socket that is closed) is counted as {@code zmq.listener.errors} with the kind
	 * {@code forward} and logged at most once a minute at WARN; it never reaches the caller.
	 * @param payload the converted value
	 * @param topic the topic for a PUB or XPUB socket, or {@code null} for none
	 */
	void forward(byte[] payload, @Nullable String topic) {
		Forward target = this.forward;
		if (target == null) {
			throw new IllegalStateException("Listener '" + this.listenerId + "' does not forward");
		}
		try {
			if (topic != null) {
				target.template().send(target.socket(), topic, payload);
			}
			else {
				target.template().send(target.socket(), payload);
			}
		}
		catch (RuntimeException ex) {
			this.metrics.listenerError(this.listenerId, this.owner.getName(), ZmqListenerException.Kind.FORWARD.tag());
			forwardFailures.warn(this.listenerId, "Listener '" + this.listenerId + "' on socket "
					+ this.owner.getName() + " could not forward a result to socket " + target.socket() + ": "
					+ ((ex instanceof ZmqException) ? ex.getMessage() : ex.getClass().getName()), null);
		}
	}

	private void dropped(String reason) {
		this.metrics.sendFailure(this.owner.getName(), "reply-dropped");
		logger.warn(LogMessage.of(() -> "Listener '" + this.listenerId + "' on socket " + this.owner.getName()
				+ " dropped a reply: " + reason));
	}

	/**
	 * Where a listener forwards its return values.
	 *
	 * @param socket the name of the socket to send them on
	 * @param template what sends them
	 */
	record Forward(String socket, ZmqOperations template) {
	}

	/** A reply the owner sends. */
	private final class Reply implements ZmqOutbound {

		private final List<byte[]> frames;

		Reply(List<byte[]> frames) {
			this.frames = frames;
		}

		@Override
		public boolean write(ZMQ.Socket socket) {
			// a SERVER's reply goes to the routing id in its first frame; a client that is gone fails it
			return ListenerOutput.this.owner.getDefinition().type().carriesRoutingId()
					? ZmqSingleFrames.trySendRouted(socket, this.frames) : ZmqFrames.send(socket, this.frames);
		}

		@Override
		public void fail(ZmqException reason) {
			dropped(reason.getMessage());
		}

		@Override
		public long byteCount() {
			long bytes = 0;
			for (byte[] frame : this.frames) {
				bytes += frame.length;
			}
			return bytes;
		}

	}

}

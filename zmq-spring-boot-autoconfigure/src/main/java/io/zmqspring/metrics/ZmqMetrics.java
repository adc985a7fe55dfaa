package io.zmqspring.metrics;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Counts what goes wrong, so that no failure, drop or discard is silent. The Micrometer
 * implementation is used when a {@code MeterRegistry} bean exists; otherwise nothing is
 * recorded beyond the log lines.
 *
 * @author zmq-spring-boot
 */
public interface ZmqMetrics {

	/** Records nothing. */
	ZmqMetrics NONE = new ZmqMetrics() {
	};

	/**
	 * A listener could not handle a message (conversion failure or handler exception).
	 * @param listenerId the listener id
	 * @param socket the socket name
	 * @param kind {@code conversion} or {@code handler}
	 */
	default void listenerError(String listenerId, String socket, String kind) {
	}

	/**
	 * A listener received a message it cannot accept (for example no envelope delimiter).
	 * @param socket the socket name
	 * @param reason a short fixed reason
	 */
	default void invalidMessage(String socket, String reason) {
	}

	/**
	 * The allow-list of a socket's header frame dropped headers a peer sent.
	 * @param socket the socket name
	 * @param count how many headers were dropped
	 */
	default void headersDropped(String socket, int count) {
	}

	/**
	 * A send failed or a queued message had to be dropped.
	 * @param socket the socket name
	 * @param reason {@code timeout}, {@code closed} or {@code shutdown}
	 */
	default void sendFailure(String socket, String reason) {
	}

	/**
	 * A reply arrived for no waiting request (late after a timeout, or unknown) and was discarded.
	 * @param socket the socket name
	 */
	default void replyDiscarded(String socket) {
	}

	/**
	 * A request got no reply within its timeout.
	 * @param socket the socket name
	 */
	default void replyTimeout(String socket) {
	}

	/**
	 * A request got no reply within its try timeout and is sent again.
	 * @param socket the socket name
	 */
	default void requestRetried(String socket) {
	}

	/**
	 * A socket failed and is being opened again.
	 * @param socket the socket name
	 */
	default void socketFailure(String socket) {
	}

	/**
	 * A peer's connection to a socket closed.
	 * @param socket the socket name
	 */
	default void disconnect(String socket) {
	}

	/**
	 * A connection to a socket failed its ZMTP handshake.
	 * @param socket the socket name
	 * @param reason {@code protocol}, {@code auth} or {@code other}
	 */
	default void handshakeFailure(String socket, String reason) {
	}

	/**
	 * A remote peer sent bytes that break the wire protocol in a way JeroMQ does not handle
	 * itself (for example a frame with a negative size); the frame was neutralised or the
	 * connection dropped.
	 * @param socket the socket name
	 * @param reason a short fixed reason, for example {@code negative-frame-size}
	 */
	default void protocolViolation(String socket, String reason) {
	}

	/**
	 * The ZAP handler refused a peer's handshake.
	 * @param socket the name of the server socket
	 * @param domain the socket's ZAP domain
	 * @param mechanism {@code NULL}, {@code PLAIN} or {@code CURVE}
	 * @param reason a short fixed reason, for example {@code unknown-key} or {@code wrong-password}
	 */
	default void authenticationDenied(String socket, String domain, String mechanism, String reason) {
	}

	/**
	 * An exception escaped into one of the context's I/O threads.
	 * @param kind {@code recovered} when the thread went on, {@code fatal} when it died
	 */
	default void ioThreadFault(String kind) {
	}


	/**
	 * An event was dropped because too many waited to be published.
	 */
	default void eventDropped() {
	}

	/**
	 * Messages were written to a socket's durable outbox.
	 * @param socket the socket name
	 * @param count how many
	 */
	default void outboxStored(String socket, int count) {
	}

	/**
	 * The receiver acknowledged messages of a socket's outbox, which are deleted.
	 * @param socket the socket name
	 * @param count how many
	 */
	default void outboxAcked(String socket, int count) {
	}

	/**
	 * A message of a socket's outbox was sent again: no acknowledgement came within the ack
	 * timeout, or the peer reconnected.
	 * @param socket the socket name
	 */
	default void outboxRedelivered(String socket) {
	}

	/**
	 * Measure how many messages a socket's outbox holds (stored, not acknowledged yet). Called
	 * once per outbox.
	 * @param socket the socket name
	 * @param depth reads the number of messages
	 */
	default void outboxDepth(String socket, LongSupplier depth) {
	}

	/**
	 * A listener discarded an outbox message its handler had already handled (a redelivery).
	 * @param socket the socket name
	 */
	default void dedupDiscarded(String socket) {
	}

	/**
	 * A listener handed its handler an outbox message again, flagged as a possible duplicate:
	 * the process had died while a handler had it.
	 * @param socket the socket name
	 */
	default void dedupPossibleDuplicate(String socket) {
	}

	/**
	 * Return the timer of the request-reply round trips on a socket. Called once per socket, not
	 * per request.
	 * @param socket the socket name
	 * @return the timer
	 */
	default ZmqRequestTimer requestTimer(String socket) {
		return ZmqRequestTimer.NONE;
	}

	/**
	 * Measure how many messages wait for a listener's handler workers (concurrency above one).
	 * Called once per listener container.
	 * @param listenerId the listener id
	 * @param socket the socket name
	 * @param size reads the number of messages waiting
	 */
	default void listenerQueue(String listenerId, String socket, IntSupplier size) {
	}

	/**
	 * Return the timer of a listener's message processing, or {@code null} to time nothing.
	 * Called once per listener start, not per message.
	 * @param listenerId the listener id
	 * @param socket the socket name
	 * @return the timer, or {@code null}
	 */
	default @Nullable ZmqListenerTimer listenerTimer(String listenerId, String socket) {
		return null;
	}

}

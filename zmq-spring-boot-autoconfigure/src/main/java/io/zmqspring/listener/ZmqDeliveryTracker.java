package io.zmqspring.listener;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The receiving end of a durable outbox on a listener's socket ({@link io.zmqspring.outbox}): it
 * recognizes a message's delivery frame, records that its handler starts and finishes with it,
 * and says which messages the handler already had. The listener container removes the delivery
 * frame before the handler sees the message and answers each handled message with the
 * tracker's ack instead of a reply. Called on the thread that runs the handler.
 *
 * @author zmq-spring-boot
 */
public interface ZmqDeliveryTracker {

	/** No tracker for any socket. */
	Function<String, @Nullable ZmqDeliveryTracker> NONE = (socket) -> null;

	/**
	 * Look at the frame where a delivery frame would be, before the handler runs; when the
	 * handler is to get the message, return only once its start is recorded as the tracker's sync
	 * policy says.
	 * @param frame the first frame after a ROUTER's routing id, or the first frame
	 * @return what to do, or {@code null} if the frame is no delivery frame (the message is
	 * handled as usual)
	 * @throws RuntimeException if the start cannot be recorded; the message is then not handled
	 * and not acknowledged, so its sender sends it again
	 */
	@Nullable ZmqDelivery begin(byte[] frame);

	/**
	 * The handler returned: record it, before the ack goes out.
	 * @param delivery what {@link #begin} returned
	 */
	void complete(ZmqDelivery delivery);

	/**
	 * The handler failed: forget that it started, so that the message is handled as new when its
	 * sender sends it again (it is not acknowledged).
	 * @param delivery what {@link #begin} returned
	 */
	void abandon(ZmqDelivery delivery);

	/**
	 * A message with a delivery frame, and what the listener does with it.
	 *
	 * @param id the message's id, shown to the handler as {@link ZmqHeaders#OUTBOX_ID}
	 * @param decision what to do
	 * @param ack the ack frame to answer with once handled (or at once, if handled before)
	 * @param key the tracker's own key of the message
	 */
	record ZmqDelivery(String id, Decision decision, byte[] ack, Object key) {
	}

	/** What the listener does with a message that has a delivery frame. */
	enum Decision {

		/** Hand it to the handler, then acknowledge it. */
		HANDLE,

		/**
		 * Hand it to the handler flagged as a possible duplicate ({@link ZmqHeaders#POSSIBLE_DUPLICATE}):
		 * a handler had it when the process died, so it may have done its work.
		 */
		HANDLE_POSSIBLE_DUPLICATE,

		/** The handler had it and returned: acknowledge it again, without the handler. */
		ACKNOWLEDGE,

		/** A handler has it right now: drop this copy; the ack follows when the handler returns. */
		DISCARD

	}

}

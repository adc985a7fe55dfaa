package io.zmqspring.listener;

import io.zmqspring.core.ZmqException;

/**
 * A listener could not handle a message: the payload could not be converted or validated
 * ({@link Kind#CONVERSION}), the handler threw or its asynchronous result failed
 * ({@link Kind#HANDLER}), or its asynchronous result did not complete in time
 * ({@link Kind#TIMEOUT}).
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerException extends ZmqException {

	private static final long serialVersionUID = 1L;

	/** What failed. */
	public enum Kind {

		/** The payload could not be converted or failed validation. */
		CONVERSION,

		/** The handler threw, or the future or {@code Mono} it returned failed. */
		HANDLER,

		/**
		 * The future or {@code Mono} the handler returned did not complete within the listener's
		 * asynchronous reply timeout.
		 */
		TIMEOUT,

		/**
		 * The return value could not be sent to the {@code @SendTo} socket. Such failures come from
		 * the network (no room, socket closed): they are counted and logged, never handed to the
		 * error handler.
		 */
		FORWARD;

		String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final String listenerId;

	private final String socketName;

	private final Kind kind;

	public ZmqListenerException(String listenerId, String socketName, Kind kind, Throwable cause) {
		super("Listener '" + listenerId + "' on socket '" + socketName + "' failed ("
				+ kind.tag() + "): " + cause.getClass().getName(), cause);
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.kind = kind;
	}

	/**
	 * Return the listener id.
	 * @return the id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the socket name.
	 * @return the socket name
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * Return what failed.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

}

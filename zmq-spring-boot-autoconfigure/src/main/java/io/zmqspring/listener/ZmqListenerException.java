package io.zmqspring.listener;

import io.zmqspring.core.ZmqException;

/**
 * A listener could not handle a message: the payload could not be converted or validated
 * ({@link Kind#CONVERSION}), or the handler threw ({@link Kind#HANDLER}).
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerException extends ZmqException {

	private static final long serialVersionUID = 1L;

	/** What failed. */
	public enum Kind {

		/** The payload could not be converted or failed validation. */
		CONVERSION,

		/** The handler threw. */
		HANDLER;

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

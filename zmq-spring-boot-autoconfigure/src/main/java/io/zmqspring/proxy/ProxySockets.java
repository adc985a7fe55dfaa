package io.zmqspring.proxy;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.core.ZmqSocketFactory;
import io.zmqspring.core.ZmqSocketWaiter;
import io.zmqspring.metrics.ZmqMetrics;

/**
 * The sockets of one proxy run, opened together and closed together, and the pumps between
 * them. Opened on the thread that starts the proxy, then used only by the proxy's thread.
 *
 * @author zmq-spring-boot
 */
final class ProxySockets {

	private final ZmqSocketFactory factory;

	private final ZmqProxyDefinition definition;

	private final ZMQ.Socket frontend;

	private final ZMQ.Socket backend;

	private final ZMQ.@Nullable Socket capture;

	private final ZmqSocketWaiter waiter;

	private final ProxyPump forward;

	private final @Nullable ProxyPump backward;

	private ProxySockets(ZmqSocketFactory factory, ZmqProxyDefinition definition, ZMQ.Socket frontend,
			ZMQ.Socket backend, ZMQ.@Nullable Socket capture, ZmqMetrics metrics, AtomicLong forwarded,
			AtomicLong returned, AtomicLong dropped) {
		this.factory = factory;
		this.definition = definition;
		this.frontend = frontend;
		this.backend = backend;
		this.capture = capture;
		this.waiter = new ZmqSocketWaiter(frontend, backend);
		String captureName = (definition.capture() != null) ? definition.capture().name() : null;
		this.forward = new ProxyPump(definition.name(), frontend, backend, definition.backend().name(), capture,
				captureName, metrics, forwarded, dropped);
		this.backward = definition.kind().isTwoWay() ? new ProxyPump(definition.name(), backend, frontend,
				definition.frontend().name(), capture, captureName, metrics, returned, dropped) : null;
	}

	/**
	 * Open a proxy's sockets on the calling thread: all of them, or none.
	 * @param factory the socket factory
	 * @param definition the proxy
	 * @param metrics where drops are counted
	 * @param forwarded the count of messages from the frontend to the backend
	 * @param returned the count of messages from the backend to the frontend
	 * @param dropped the count of dropped messages
	 * @return the open sockets
	 */
	static ProxySockets open(ZmqSocketFactory factory, ZmqProxyDefinition definition, ZmqMetrics metrics,
			AtomicLong forwarded, AtomicLong returned, AtomicLong dropped) {
		ZMQ.Socket frontend = factory.open(definition.frontend());
		ZMQ.Socket backend = null;
		ZMQ.Socket capture = null;
		try {
			backend = factory.open(definition.backend());
			ZmqSocketDefinition tap = definition.capture();
			capture = (tap != null) ? factory.open(tap) : null;
			return new ProxySockets(factory, definition, frontend, backend, capture, metrics, forwarded, returned,
					dropped);
		}
		catch (RuntimeException | Error ex) {
			closeQuietly(factory, definition.frontend(), frontend);
			if (backend != null) {
				closeQuietly(factory, definition.backend(), backend);
			}
			if (capture != null && definition.capture() != null) {
				closeQuietly(factory, definition.capture(), capture);
			}
			throw ex;
		}
	}

	ZmqSocketWaiter waiter() {
		return this.waiter;
	}

	/** Move messages both ways; whether any moved. */
	boolean pump(int budget) {
		boolean moved = this.forward.pump(budget);
		if (this.backward != null) {
			moved |= this.backward.pump(budget);
		}
		return moved;
	}

	/** Whether either direction can move a message; reads both sockets' events. */
	boolean ready() {
		int frontendEvents = this.frontend.getEvents();
		int backendEvents = this.backend.getEvents();
		return this.forward.ready(frontendEvents, backendEvents)
				|| (this.backward != null && this.backward.ready(backendEvents, frontendEvents));
	}

	/** Deliver or drop the messages still held, before the sockets close. */
	void flushOrDrop() {
		this.forward.flushOrDrop();
		if (this.backward != null) {
			this.backward.flushOrDrop();
		}
	}

	/**
	 * Close every socket, with its linger (capped to the context's shutdown timeout), or at once
	 * after a failure.
	 * @param failed whether the proxy failed
	 */
	void close(boolean failed) {
		close(this.definition.frontend(), this.frontend, failed);
		close(this.definition.backend(), this.backend, failed);
		ZmqSocketDefinition tap = this.definition.capture();
		if (tap != null && this.capture != null) {
			close(tap, this.capture, failed);
		}
		this.waiter.close();
	}

	private void close(ZmqSocketDefinition socketDefinition, ZMQ.Socket socket, boolean failed) {
		if (failed) {
			try {
				socket.setLinger(0);
			}
			catch (RuntimeException ex) {
				// closing anyway
			}
		}
		closeQuietly(this.factory, socketDefinition, socket);
	}

	private static void closeQuietly(ZmqSocketFactory factory, ZmqSocketDefinition definition, ZMQ.Socket socket) {
		try {
			factory.close(definition, socket);
		}
		catch (RuntimeException ex) {
			// the context is closing; nothing else to release
		}
	}

}

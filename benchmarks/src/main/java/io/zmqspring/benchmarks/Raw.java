package io.zmqspring.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Raw JeroMQ pieces for baselines and for feeding or draining the starter.
 */
final class Raw {

	/** Drops payloads: the receiver only counts. */
	static final Consumer<byte[]> DISCARD = (payload) -> {
	};

	/** No further socket options. */
	static final Consumer<ZMQ.Socket> NO_OPTIONS = (socket) -> {
	};

	private Raw() {
	}

	/**
	 * A PUSH socket, with the scenarios' high-water mark, connected to an endpoint.
	 */
	static ZMQ.Socket push(ZContext context, String endpoint) {
		return push(context, endpoint, NO_OPTIONS);
	}

	/**
	 * A PUSH socket, with the scenarios' high-water mark and further options (security, for
	 * example) set before it connects.
	 */
	static ZMQ.Socket push(ZContext context, String endpoint, Consumer<ZMQ.Socket> options) {
		ZMQ.Socket push = context.getContext().socket(SocketType.PUSH);
		push.setSndHWM(Bench.HWM);
		options.accept(push);
		// A JeroMQ connect can stall before its handshake (see README): retry it quickly
		push.setHandshakeIvl(2000);
		push.connect(endpoint);
		return push;
	}

	/**
	 * A thread that owns one socket: it opens it, says it is ready, serves each message until
	 * closed, then closes the socket.
	 */
	abstract static class SocketThread implements AutoCloseable {

		private volatile boolean running = true;

		private final CountDownLatch ready = new CountDownLatch(1);

		private final CountDownLatch done = new CountDownLatch(1);

		final void start(String name, Supplier<ZMQ.Socket> open) {
			Thread thread = new Thread(() -> run(open), name);
			thread.setDaemon(true);
			thread.start();
			try {
				this.ready.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void run(Supplier<ZMQ.Socket> open) {
			ZMQ.Socket socket = open.get();
			socket.setReceiveTimeOut(100);
			this.ready.countDown();
			try {
				while (this.running) {
					byte[] frame = socket.recv(0);
					if (frame != null) {
						serve(socket, frame);
					}
				}
			}
			finally {
				socket.setLinger(0);
				socket.close();
				this.done.countDown();
			}
		}

		/** Handle a message whose first frame has been received. */
		abstract void serve(ZMQ.Socket socket, byte[] first);

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.done.await();
		}

	}

	/**
	 * Counts whole messages, optionally handing each payload (the last frame) to a consumer.
	 */
	static final class Receiver extends SocketThread {

		final AtomicLong count = new AtomicLong();

		private final Consumer<byte[]> onPayload;

		Receiver(ZContext context, SocketType type, String endpoint, boolean bind, String name,
				Consumer<byte[]> onPayload, byte[]... subscriptions) {
			this(context, type, endpoint, bind, name, onPayload, NO_OPTIONS, subscriptions);
		}

		/**
		 * A receiver whose socket gets further options (security, for example) before it binds or
		 * connects.
		 */
		Receiver(ZContext context, SocketType type, String endpoint, boolean bind, String name,
				Consumer<byte[]> onPayload, Consumer<ZMQ.Socket> options, byte[]... subscriptions) {
			this.onPayload = onPayload;
			start(name, () -> {
				ZMQ.Socket socket = context.getContext().socket(type);
				socket.setRcvHWM(Bench.HWM);
				options.accept(socket);
				for (byte[] subscription : subscriptions) {
					socket.subscribe(subscription);
				}
				if (bind) {
					socket.bind(endpoint);
				}
				else {
					socket.setHandshakeIvl(2000);
					socket.connect(endpoint);
				}
				return socket;
			});
		}

		@Override
		void serve(ZMQ.Socket socket, byte[] first) {
			byte[] frame = first;
			while (socket.hasReceiveMore()) {
				frame = socket.recv(0);
			}
			this.onPayload.accept(frame);
			this.count.incrementAndGet();
		}

	}

	/**
	 * Owns a bound REP or ROUTER socket and echoes every request.
	 */
	static final class Echo extends SocketThread {

		Echo(ZContext context, SocketType type, String endpoint, String name) {
			start(name, () -> {
				ZMQ.Socket socket = context.getContext().socket(type);
				socket.bind(endpoint);
				return socket;
			});
		}

		@Override
		void serve(ZMQ.Socket socket, byte[] first) {
			byte[] frame = first;
			while (socket.hasReceiveMore()) {
				socket.send(frame, ZMQ.SNDMORE);
				frame = socket.recv(0);
			}
			socket.send(frame, 0);
		}

	}

}

package io.zmqspring.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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

	private Raw() {
	}

	/**
	 * A PUSH socket, with the scenarios' high-water mark, connected to an endpoint.
	 */
	static ZMQ.Socket push(ZContext context, String endpoint) {
		ZMQ.Socket push = context.getContext().socket(SocketType.PUSH);
		push.setSndHWM(Bench.HWM);
		// A JeroMQ connect can stall before its handshake (see README): retry it quickly
		push.setHandshakeIvl(2000);
		push.connect(endpoint);
		return push;
	}

	/**
	 * A thread that owns a receiving socket and counts whole messages, optionally handing each
	 * payload (the last frame) to a consumer.
	 */
	static final class Receiver implements AutoCloseable {

		final AtomicLong count = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		private final CountDownLatch ready = new CountDownLatch(1);

		private final CountDownLatch done = new CountDownLatch(1);

		Receiver(ZContext context, SocketType type, String endpoint, boolean bind, String name,
				Consumer<byte[]> onPayload, byte[]... subscriptions) {
			this.thread = new Thread(() -> run(context, type, endpoint, bind, onPayload, subscriptions), name);
			this.thread.setDaemon(true);
			this.thread.start();
			try {
				this.ready.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void run(ZContext context, SocketType type, String endpoint, boolean bind, Consumer<byte[]> onPayload,
				byte[][] subscriptions) {
			ZMQ.Socket socket = context.getContext().socket(type);
			socket.setReceiveTimeOut(100);
			socket.setRcvHWM(Bench.HWM);
			for (byte[] subscription : subscriptions) {
				socket.subscribe(subscription);
			}
			if (bind) {
				socket.bind(endpoint);
			}
			else {
				socket.connect(endpoint);
			}
			this.ready.countDown();
			try {
				while (this.running) {
					byte[] frame = socket.recv(0);
					if (frame == null) {
						continue;
					}
					while (socket.hasReceiveMore()) {
						frame = socket.recv(0);
					}
					onPayload.accept(frame);
					this.count.incrementAndGet();
				}
			}
			finally {
				socket.setLinger(0);
				socket.close();
				this.done.countDown();
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.done.await();
		}

	}

	/**
	 * A thread that owns a REP or ROUTER socket and echoes every request.
	 */
	static final class Echo implements AutoCloseable {

		private final Thread thread;

		private volatile boolean running = true;

		private final CountDownLatch ready = new CountDownLatch(1);

		private final CountDownLatch done = new CountDownLatch(1);

		Echo(ZContext context, SocketType type, String endpoint, String name) {
			this.thread = new Thread(() -> run(context, type, endpoint), name);
			this.thread.setDaemon(true);
			this.thread.start();
			try {
				this.ready.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void run(ZContext context, SocketType type, String endpoint) {
			ZMQ.Socket socket = context.getContext().socket(type);
			socket.setReceiveTimeOut(100);
			socket.bind(endpoint);
			this.ready.countDown();
			try {
				while (this.running) {
					byte[] frame = socket.recv(0);
					if (frame == null) {
						continue;
					}
					while (socket.hasReceiveMore()) {
						socket.send(frame, ZMQ.SNDMORE);
						frame = socket.recv(0);
					}
					socket.send(frame, 0);
				}
			}
			finally {
				socket.setLinger(0);
				socket.close();
				this.done.countDown();
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.done.await();
		}

	}

}

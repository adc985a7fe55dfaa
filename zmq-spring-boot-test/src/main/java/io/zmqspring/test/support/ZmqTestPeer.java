package io.zmqspring.test.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.util.Assert;

/**
 * A raw JeroMQ socket to talk to an application under test, the way a peer in another process
 * or language would: no starter in between. One thread of its own owns the socket (JeroMQ
 * sockets are not thread-safe), receives everything that arrives into a queue and sends what
 * the test hands it; so a test may call it from any thread.
 * <p>
 * Every peer retries a connect JeroMQ stalls before its handshake after one second
 * ({@code setHandshakeIvl(1000)}) and reconnects after 50 ms ({@code setReconnectIVL(50)}), and
 * closes without lingering.
 * <pre class="code">
 * try (ZmqTestPeer client = ZmqTestPeer.connect(SocketType.REQ, endpoint)) {
 *     assertThat(client.request("hello", Duration.ofSeconds(5)).text()).isEqualTo("HELLO");
 * }
 * </pre>
 *
 * @author zmq-spring-boot
 */
public final class ZmqTestPeer implements AutoCloseable {

	/** How long a send may wait for room (no peer yet, high-water mark reached) before it fails. */
	private static final int SEND_TIMEOUT_MILLIS = 5000;

	private static final long POLL_MILLIS = 5;

	private final SocketType type;

	private final ZContext context = new ZContext(1);

	private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();

	private final BlockingQueue<ZmqTestMessage> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<String> opened = new CompletableFuture<>();

	private final Thread owner;

	private volatile boolean running = true;

	/** The socket, once open; used on the owner thread only. */
	private ZMQ.@Nullable Socket socket;

	private ZmqTestPeer(SocketType type, List<Consumer<ZMQ.Socket>> options, String endpoint, boolean bind) {
		this.type = type;
		this.owner = new Thread(() -> run(options, endpoint, bind), "zmq-test-peer-" + type.name().toLowerCase());
		this.owner.setDaemon(true);
		this.owner.start();
		try {
			this.opened.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new IllegalStateException("Interrupted while opening a " + type + " peer", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			close();
			throw new IllegalStateException("Could not open a " + type + " peer on " + endpoint, ex);
		}
	}

	/**
	 * Start describing a peer with options.
	 * @param type the socket type
	 * @return a builder
	 */
	public static Builder of(SocketType type) {
		Assert.notNull(type, "'type' must not be null");
		return new Builder(type);
	}

	/**
	 * Open a peer that connects.
	 * @param type the socket type
	 * @param endpoint for example {@code tcp://127.0.0.1:5555}
	 * @return the peer
	 */
	public static ZmqTestPeer connect(SocketType type, String endpoint) {
		return of(type).connect(endpoint);
	}

	/**
	 * Open a peer that binds.
	 * @param type the socket type
	 * @param endpoint for example {@code tcp://127.0.0.1:5555}, or {@code tcp://127.0.0.1:*}
	 * for a port of JeroMQ's choice ({@link #endpoint()} tells it)
	 * @return the peer
	 */
	public static ZmqTestPeer bind(SocketType type, String endpoint) {
		return of(type).bind(endpoint);
	}

	/**
	 * Return the endpoint the peer bound or connected to, with a wildcard port resolved.
	 * @return the endpoint
	 */
	public String endpoint() {
		return this.opened.join();
	}

	/**
	 * Send a one-frame message of UTF-8 text.
	 * @param text the text
	 */
	public void send(String text) {
		sendFrames(List.of(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Send a one-frame message.
	 * @param payload the frame
	 */
	public void send(byte[] payload) {
		sendFrames(List.of(payload));
	}

	/**
	 * Send a multipart message of UTF-8 texts, for example a ROUTER's
	 * {@code (routingId, "", body)} or a topic and a body.
	 * @param frames the frames
	 */
	public void sendFrames(String... frames) {
		List<byte[]> bytes = new ArrayList<>();
		for (String frame : frames) {
			bytes.add(frame.getBytes(StandardCharsets.UTF_8));
		}
		sendFrames(bytes);
	}

	/**
	 * Send a multipart message and wait until the socket took it.
	 * @param frames the frames
	 * @throws IllegalStateException if the socket did not take it within five seconds (no peer
	 * to send to, for example)
	 */
	public void sendFrames(List<byte[]> frames) {
		Assert.notEmpty(frames, "'frames' must not be empty");
		List<byte[]> copy = List.copyOf(frames);
		onOwner((socket) -> {
			for (int i = 0; i < copy.size(); i++) {
				boolean more = i < copy.size() - 1;
				if (!socket.send(copy.get(i), more ? ZMQ.SNDMORE : 0)) {
					throw new IllegalStateException(this.type + " peer could not send within " + SEND_TIMEOUT_MILLIS
							+ " ms (errno " + socket.errno() + "): is a peer connected?");
				}
			}
		});
	}

	/**
	 * Subscribe a SUB or XSUB peer to a topic (a prefix; empty for everything).
	 * @param topic the topic
	 */
	public void subscribe(String topic) {
		onOwner((socket) -> socket.subscribe(topic.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Send a request and wait for its reply: for REQ peers, and DEALER peers talking to a REP or
	 * ROUTER server, which take the empty delimiter frame first.
	 * @param text the request
	 * @param timeout how long to wait for the reply
	 * @return the reply
	 */
	public ZmqTestMessage request(String text, Duration timeout) {
		if (this.type == SocketType.DEALER) {
			sendFrames("", text);
		}
		else {
			send(text);
		}
		return awaitMessage(timeout);
	}

	/**
	 * Take the next message received, waiting for one if none is there yet.
	 * @param timeout the longest wait
	 * @return the message
	 * @throws AssertionError if none arrived in time
	 */
	public ZmqTestMessage awaitMessage(Duration timeout) {
		try {
			ZmqTestMessage message = this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (message == null) {
				throw new AssertionError(this.type + " peer on " + endpoint() + " received no message within " + timeout);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a message", ex);
		}
	}

	/**
	 * Take the next messages received, waiting for them.
	 * @param count how many
	 * @param timeout the longest wait for all of them
	 * @return the messages, in the order they arrived
	 * @throws AssertionError if fewer arrived in time, naming those that did
	 */
	public List<ZmqTestMessage> awaitMessages(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ZmqTestMessage> messages = new ArrayList<>();
		while (messages.size() < count) {
			try {
				ZmqTestMessage message = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (message == null) {
					throw new AssertionError(this.type + " peer on " + endpoint() + " received " + messages.size()
							+ " of " + count + " messages within " + timeout + ": " + messages);
				}
				messages.add(message);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for messages", ex);
			}
		}
		return messages;
	}

	/**
	 * Return the messages received and not taken yet, without waiting and without taking them.
	 * @return the messages, oldest first
	 */
	public List<ZmqTestMessage> pending() {
		return List.copyOf(this.received);
	}

	/** Run an action on the owner thread and wait for it, passing on its failure. */
	private void onOwner(Consumer<ZMQ.Socket> action) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.commands.add(() -> {
			try {
				action.accept(socket());
				done.complete(null);
			}
			catch (RuntimeException ex) {
				done.completeExceptionally(ex);
			}
		});
		try {
			done.get(SEND_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(this.type + " peer is closed or stuck", ex);
		}
	}

	private ZMQ.Socket socket() {
		ZMQ.Socket current = this.socket;
		Assert.state(current != null, "not open");
		return current;
	}

	private void run(List<Consumer<ZMQ.Socket>> options, String endpoint, boolean bind) {
		ZMQ.Socket created;
		try {
			created = this.context.createSocket(this.type);
			created.setLinger(0);
			created.setHandshakeIvl(1000);
			created.setReconnectIVL(50);
			created.setSendTimeOut(SEND_TIMEOUT_MILLIS);
			options.forEach((option) -> option.accept(created));
			if (bind) {
				created.bind(endpoint);
			}
			else {
				created.connect(endpoint);
			}
			this.socket = created;
			String actual = bind ? created.getLastEndpoint() : endpoint;
			this.opened.complete((actual != null) ? actual : endpoint);
		}
		catch (RuntimeException ex) {
			this.opened.completeExceptionally(ex);
			return;
		}
		ZMQ.Poller poller = this.context.createPoller(1);
		poller.register(created, ZMQ.Poller.POLLIN);
		try {
			while (this.running) {
				Runnable command;
				while ((command = this.commands.poll()) != null) {
					command.run();
				}
				if (poller.poll(POLL_MILLIS) > 0 && poller.pollin(0)) {
					receiveAll(created);
				}
			}
		}
		catch (RuntimeException ex) {
			// the context was closed under the socket: the peer is closing
		}
		finally {
			poller.close();
			created.close();
		}
	}

	private void receiveAll(ZMQ.Socket socket) {
		byte[] frame;
		while ((frame = socket.recv(ZMQ.DONTWAIT)) != null) {
			List<byte[]> frames = new ArrayList<>();
			frames.add(frame);
			while (socket.hasReceiveMore()) {
				frames.add(socket.recv());
			}
			this.received.add(new ZmqTestMessage(frames));
		}
	}

	/** Close the socket on its thread, then the peer's context. */
	@Override
	public void close() {
		this.running = false;
		try {
			this.owner.join(SEND_TIMEOUT_MILLIS + 1000L);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.context.close();
	}

	@Override
	public String toString() {
		return "ZmqTestPeer[" + this.type + " " + (this.opened.isDone() ? this.opened.getNow("?") : "opening") + "]";
	}

	/**
	 * Options of a peer, applied on its thread before it binds or connects.
	 */
	public static final class Builder {

		private final SocketType type;

		private final List<Consumer<ZMQ.Socket>> options = new ArrayList<>();

		private Builder(SocketType type) {
			this.type = type;
		}

		/**
		 * Subscribe a SUB or XSUB peer before it connects, so no message after the handshake
		 * is missed for want of a subscription.
		 * @param topics the topics (prefixes; {@code ""} for everything)
		 * @return this builder
		 */
		public Builder subscribe(String... topics) {
			for (String topic : topics) {
				this.options.add((socket) -> socket.subscribe(topic.getBytes(StandardCharsets.UTF_8)));
			}
			return this;
		}

		/**
		 * Announce a routing id to ROUTER peers.
		 * @param routingId the id, UTF-8
		 * @return this builder
		 */
		public Builder routingId(String routingId) {
			this.options.add((socket) -> socket.setIdentity(routingId.getBytes(StandardCharsets.UTF_8)));
			return this;
		}

		/**
		 * Be a CURVE client.
		 * @param publicKey the peer's public key, Z85
		 * @param secretKey the peer's secret key, Z85
		 * @param serverKey the server's public key, Z85
		 * @return this builder
		 */
		public Builder curveClient(String publicKey, String secretKey, String serverKey) {
			this.options.add((socket) -> {
				socket.setCurvePublicKey(publicKey.getBytes(ZMQ.CHARSET));
				socket.setCurveSecretKey(secretKey.getBytes(ZMQ.CHARSET));
				socket.setCurveServerKey(serverKey.getBytes(ZMQ.CHARSET));
			});
			return this;
		}

		/**
		 * Set any other option on the socket.
		 * @param option what to set, called on the peer's thread
		 * @return this builder
		 */
		public Builder option(Consumer<ZMQ.Socket> option) {
			Assert.notNull(option, "'option' must not be null");
			this.options.add(option);
			return this;
		}

		/**
		 * Open the peer, connecting.
		 * @param endpoint for example {@code tcp://127.0.0.1:5555}
		 * @return the peer
		 */
		public ZmqTestPeer connect(String endpoint) {
			Assert.hasText(endpoint, "'endpoint' must not be empty");
			return new ZmqTestPeer(this.type, List.copyOf(this.options), endpoint, false);
		}

		/**
		 * Open the peer, binding.
		 * @param endpoint for example {@code tcp://127.0.0.1:5555}
		 * @return the peer
		 */
		public ZmqTestPeer bind(String endpoint) {
			Assert.hasText(endpoint, "'endpoint' must not be empty");
			return new ZmqTestPeer(this.type, List.copyOf(this.options), endpoint, true);
		}

	}

}

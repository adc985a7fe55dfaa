package io.zmqspring.test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A ZeroMQ peer that goes silent: a plain TCP server that completes the ZMTP 3.1 handshake of
 * one connection with the NULL mechanism as a ROUTER, and from then on neither reads nor
 * writes, while keeping the TCP connection open: what a hung server or a cut network looks like.
 * Only ZMTP heartbeats can tell. Once that handshake is done, the listening socket can close
 * (so reconnects are refused, as for a server that is gone) or stay open (so the kernel still
 * accepts new connections that nobody serves, as for a stopped process).
 */
public final class SilentZmtpPeer implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ServerSocket server;

	private final boolean refuseReconnects;

	private final CountDownLatch handshaken = new CountDownLatch(1);

	private final Thread thread;

	private volatile long handshakeNanos;

	private volatile Socket connection;

	private volatile Throwable failure;

	/**
	 * Start listening on a free loopback port.
	 * @param refuseReconnects whether to stop listening once the first connection is accepted
	 */
	public SilentZmtpPeer(boolean refuseReconnects) {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.refuseReconnects = refuseReconnects;
		this.thread = new Thread(this::serve, "silent-zmtp-peer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Return the endpoint to connect to.
	 * @return for example {@code tcp://127.0.0.1:41234}
	 */
	public String endpoint() {
		return "tcp://127.0.0.1:" + this.server.getLocalPort();
	}

	/**
	 * Wait until the handshake of the first connection is done and the peer went silent.
	 * @return the {@link System#nanoTime()} at which it went silent
	 */
	public long awaitSilent() {
		try {
			if (!this.handshaken.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("No ZMTP handshake within " + WAIT, this.failure);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		return this.handshakeNanos;
	}

	/**
	 * Accept until one connection completes the handshake: JeroMQ 0.6.0 now and then stalls a
	 * fresh connection before its handshake and retries it after the handshake interval.
	 */
	private void serve() {
		while (true) {
			Socket accepted = null;
			try {
				accepted = this.server.accept();
				accepted.setSoTimeout((int) WAIT.toMillis());
				handshake(accepted);
			}
			catch (IOException | RuntimeException ex) {
				this.failure = ex;
				closeQuietly(accepted);
				if (this.server.isClosed()) {
					return;
				}
				continue;
			}
			this.connection = accepted;
			if (this.refuseReconnects) {
				closeQuietly(this.server);
			}
			this.handshakeNanos = System.nanoTime();
			this.handshaken.countDown();
			return;
		}
	}

	private static void closeQuietly(java.io.@org.jspecify.annotations.Nullable Closeable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** ZMTP 3.1: greetings, then READY commands; the peer's READY is read and ignored. */
	private static void handshake(Socket socket) throws IOException {
		OutputStream out = socket.getOutputStream();
		DataInputStream in = new DataInputStream(socket.getInputStream());
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		greeting[11] = 1;
		byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
		// Answer the way libzmq does: the signature the peer sent first, then the rest
		in.readFully(new byte[10]);
		out.write(greeting);
		out.flush();
		in.readFully(new byte[54]);
		out.write(readyCommand("ROUTER"));
		out.flush();
		int flags = in.readUnsignedByte();
		long size = ((flags & 0x02) != 0) ? in.readLong() : in.readUnsignedByte();
		in.readFully(new byte[(int) size]);
	}

	private static byte[] readyCommand(String socketType) {
		byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
		byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
		byte[] command = "READY".getBytes(StandardCharsets.US_ASCII);
		int size = 1 + command.length + 1 + name.length + 4 + value.length;
		byte[] frame = new byte[2 + size];
		int i = 0;
		frame[i++] = 0x04;
		frame[i++] = (byte) size;
		frame[i++] = (byte) command.length;
		System.arraycopy(command, 0, frame, i, command.length);
		i += command.length;
		frame[i++] = (byte) name.length;
		System.arraycopy(name, 0, frame, i, name.length);
		i += name.length;
		frame[i++] = 0;
		frame[i++] = 0;
		frame[i++] = 0;
		frame[i++] = (byte) value.length;
		System.arraycopy(value, 0, frame, i, value.length);
		return frame;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		Socket accepted = this.connection;
		if (accepted != null) {
			accepted.close();
		}
	}

}

package io.zmqspring.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.zmqspring.transfer.ZmqTransferFrame.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw JeroMQ peer that speaks the transfer protocol by hand, frame by frame, on its own context:
 * a DEALER that plays a sender, or a ROUTER that plays a receiver.
 */
final class RawTransferPeer implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket socket;

	private RawTransferPeer(SocketType type) {
		this.socket = this.context.createSocket(type);
		this.socket.setLinger(0);
		this.socket.setHandshakeIvl(1000);
		this.socket.setReconnectIVL(50);
		this.socket.setReceiveTimeOut((int) WAIT.toMillis());
	}

	/** A DEALER connected to a receiver's endpoint. */
	static RawTransferPeer sender(String endpoint) {
		RawTransferPeer peer = new RawTransferPeer(SocketType.DEALER);
		peer.socket.connect(endpoint);
		return peer;
	}

	/** A ROUTER bound to an endpoint. */
	static RawTransferPeer receiver(String endpoint) {
		RawTransferPeer peer = new RawTransferPeer(SocketType.ROUTER);
		peer.socket.bind(endpoint);
		return peer;
	}

	// As a sender

	void open(long id, long size) {
		send(new ZmqTransferFrame(Kind.OPEN, 0, id, 0, size, 0), new byte[0]);
	}

	void chunk(long id, long sequence, long offset, byte[] data) {
		send(new ZmqTransferFrame(Kind.CHUNK, 0, id, sequence, offset, 0), data);
	}

	void lastChunk(long id, long sequence, long offset, byte[] data, int checksum) {
		send(new ZmqTransferFrame(Kind.CHUNK, ZmqTransferFrame.LAST | ZmqTransferFrame.CHECKSUM, id, sequence, offset,
				checksum), data);
	}

	void abort(long id) {
		send(new ZmqTransferFrame(Kind.ABORT, 0, id, 0, 0, 0), "gave up".getBytes(StandardCharsets.UTF_8));
	}

	private void send(ZmqTransferFrame frame, byte[] body) {
		this.socket.sendMore(frame.encode());
		this.socket.send(body);
	}

	/** Receive the receiver's next answer; fails the test if none comes in time. */
	Answer answer() {
		byte[] header = this.socket.recv();
		assertThat(header).as("an answer from the receiver within " + WAIT).isNotNull();
		byte[] body = this.socket.hasReceiveMore() ? this.socket.recv() : null;
		ZmqTransferFrame frame = ZmqTransferFrame.decode(header);
		assertThat(frame).as("a transfer control frame").isNotNull();
		return new Answer(frame, (body != null) ? new String(body, StandardCharsets.UTF_8) : null);
	}

	// As a receiver

	/** Receive the next message a sender sent: its routing id, control frame and body. */
	Message message() {
		List<byte[]> frames = new ArrayList<>();
		byte[] first = this.socket.recv();
		assertThat(first).as("a message from the sender within " + WAIT).isNotNull();
		frames.add(first);
		while (this.socket.hasReceiveMore()) {
			frames.add(this.socket.recv());
		}
		assertThat(frames).hasSize(3);
		ZmqTransferFrame frame = ZmqTransferFrame.decode(frames.get(1));
		assertThat(frame).as("a transfer control frame").isNotNull();
		return new Message(frames.get(0), frame, frames.get(2));
	}

	void grant(Message to, long window, long chunkSize) {
		reply(to, new ZmqTransferFrame(Kind.GRANT, 0, to.frame().transferId(), window, chunkSize, 0), new byte[0]);
	}

	void done(Message to, long chunks, long bytes, int checksum) {
		reply(to, new ZmqTransferFrame(Kind.DONE, ZmqTransferFrame.CHECKSUM, to.frame().transferId(), chunks, bytes,
				checksum), new byte[0]);
	}

	private void reply(Message to, ZmqTransferFrame frame, byte[] body) {
		this.socket.sendMore(to.routingId());
		this.socket.sendMore(frame.encode());
		this.socket.send(body);
	}

	@Override
	public void close() {
		this.context.close();
	}

	record Answer(ZmqTransferFrame frame, String body) {
	}

	record Message(byte[] routingId, ZmqTransferFrame frame, byte[] body) {
	}

}

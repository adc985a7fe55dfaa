package io.zmqspring.core;

import java.util.function.BiConsumer;

import org.springframework.util.Assert;

import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * A JeroMQ {@link MsgAllocator} that keeps a hostile frame size away from the I/O thread.
 * <p>
 * JeroMQ 0.6.0 decodes a ZMTP 2.0/3.x frame's 64-bit size and, when the size has its top bit
 * set, hands it to the socket's allocator as a negative {@code int} (only the upper bound is
 * checked; the fix for JeroMQ issue 1005 was never released). The default allocator then throws
 * {@link NegativeArraySizeException} in the I/O thread, which leaves the connection's decoder in
 * a state where its next read event loops forever: the I/O thread spins and every socket it
 * serves stops.
 * <p>
 * This allocator sees the negative size first. It records the violation and returns an empty
 * <em>command</em> frame instead, so the decoder completes the frame normally. During the
 * handshake the security mechanism rejects that empty command and JeroMQ drops the connection;
 * after the handshake JeroMQ discards unknown command frames, so the frame is neutralised and
 * the connection can do no more than any other peer. No memory is allocated for it.
 * <p>
 * A size such as {@code 0x800000007FFFFFFF} is negative as a {@code long}, so it also passes the
 * decoder's max-message-size check, but its low 32 bits are positive: it reaches the allocator as
 * up to 2 GiB. The allocator therefore applies the socket's max message size again and treats a
 * larger size the same way. Every other size goes to the delegate unchanged.
 *
 * @author zmq-spring-boot
 * @see ZmqContextSupervisor#guard(org.zeromq.ZContext, String, org.zeromq.ZMQ.Socket)
 */
public final class ZmqGuardedMsgAllocator implements MsgAllocator {

	/** The violation reason for a frame whose size is negative. */
	public static final String NEGATIVE_FRAME_SIZE = "negative-frame-size";

	/**
	 * The violation reason for a frame whose size exceeds the max message size although the
	 * decoder let it through (a negative 64-bit size with positive low 32 bits).
	 */
	public static final String OVERSIZED_FRAME_SIZE = "oversized-frame-size";

	private final String socketName;

	private final MsgAllocator delegate;

	private final long maxMessageSize;

	private final BiConsumer<String, String> violations;

	/**
	 * Create an allocator for one socket.
	 * @param socketName the socket's name, passed to {@code violations}
	 * @param delegate the allocator for every valid size
	 * @param maxMessageSize the socket's max message size in bytes, negative for none
	 * @param violations called, on the I/O thread, with the socket name and the reason of each
	 * violation; must be quick and must not throw
	 */
	public ZmqGuardedMsgAllocator(String socketName, MsgAllocator delegate, long maxMessageSize,
			BiConsumer<String, String> violations) {
		Assert.notNull(socketName, "'socketName' must not be null");
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(violations, "'violations' must not be null");
		this.socketName = socketName;
		this.delegate = delegate;
		this.maxMessageSize = maxMessageSize;
		this.violations = violations;
	}

	/**
	 * Return the allocator that serves every valid size.
	 * @return the delegate
	 */
	public MsgAllocator getDelegate() {
		return this.delegate;
	}

	@Override
	public Msg allocate(int size) {
		if (size < 0) {
			return neutralise(NEGATIVE_FRAME_SIZE);
		}
		if (this.maxMessageSize >= 0 && size > this.maxMessageSize) {
			return neutralise(OVERSIZED_FRAME_SIZE);
		}
		return this.delegate.allocate(size);
	}

	private Msg neutralise(String reason) {
		try {
			this.violations.accept(this.socketName, reason);
		}
		catch (RuntimeException ex) {
			// counting must never break the I/O thread
		}
		// complete: nothing of the frame is read into it, the next bytes are a new frame
		Msg neutralised = new Msg(0);
		neutralised.setFlags(Msg.COMMAND);
		return neutralised;
	}

}

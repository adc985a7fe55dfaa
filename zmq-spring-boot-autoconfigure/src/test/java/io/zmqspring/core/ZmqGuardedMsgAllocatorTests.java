package io.zmqspring.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import zmq.Msg;
import zmq.ZMQ;
import zmq.io.coder.IDecoder.Step;
import zmq.io.coder.v2.V2Decoder;
import zmq.msg.MsgAllocator;
import zmq.util.Errno;
import zmq.util.ValueReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The allocator on its own and inside JeroMQ's ZMTP 2.0/3.x decoder.
 */
class ZmqGuardedMsgAllocatorTests {

	private static final int MAX = 1024 * 1024;

	private final List<String> violations = new ArrayList<>();

	private final ZmqGuardedMsgAllocator allocator = new ZmqGuardedMsgAllocator("in", ZMQ.DEFAULT_MSG_ALLOCATOR, MAX,
			(socket, reason) -> this.violations.add(socket + ":" + reason));

	@Test
	void validSizesGoToTheDelegate() {
		assertThat(this.allocator.allocate(0).size()).isZero();
		Msg msg = this.allocator.allocate(MAX);
		assertThat(msg.size()).isEqualTo(MAX);
		assertThat(msg.isCommand()).isFalse();
		assertThat(this.violations).isEmpty();
	}

	@Test
	void negativeSizeBecomesAnEmptyCommandFrameAndIsCounted() {
		for (int size : new int[] { -1, Integer.MIN_VALUE, -2 }) {
			Msg msg = this.allocator.allocate(size);
			assertThat(msg.size()).isZero();
			assertThat(msg.isCommand()).isTrue();
		}
		assertThat(this.violations).containsOnly("in:" + ZmqGuardedMsgAllocator.NEGATIVE_FRAME_SIZE).hasSize(3);
	}

	@Test
	void sizeAboveTheMaxMessageSizeIsNeutralisedToo() {
		Msg msg = this.allocator.allocate(Integer.MAX_VALUE);
		assertThat(msg.size()).isZero();
		assertThat(msg.isCommand()).isTrue();
		assertThat(this.violations).containsExactly("in:" + ZmqGuardedMsgAllocator.OVERSIZED_FRAME_SIZE);
	}

	@Test
	void withoutMaxMessageSizeOnlyNegativeSizesAreNeutralised() {
		MsgAllocator delegate = (size) -> new Msg(Math.min(size, 16));
		ZmqGuardedMsgAllocator unlimited = new ZmqGuardedMsgAllocator("in", delegate, -1,
				(socket, reason) -> this.violations.add(reason));
		assertThat(unlimited.allocate(Integer.MAX_VALUE).size()).isEqualTo(16);
		assertThat(unlimited.allocate(-5).isCommand()).isTrue();
		assertThat(this.violations).containsExactly(ZmqGuardedMsgAllocator.NEGATIVE_FRAME_SIZE);
	}

	@Test
	void failingViolationCallbackDoesNotEscape() {
		ZmqGuardedMsgAllocator failing = new ZmqGuardedMsgAllocator("in", ZMQ.DEFAULT_MSG_ALLOCATOR, -1,
				(socket, reason) -> {
					throw new IllegalStateException("metrics down");
				});
		assertThat(failing.allocate(-1).isCommand()).isTrue();
	}

	@Test
	void jeromqDecoderPassesNegativeSizesToTheAllocator() {
		V2Decoder unguarded = new V2Decoder(new Errno(), 8192, MAX, ZMQ.DEFAULT_MSG_ALLOCATOR);
		assertThatExceptionOfType(NegativeArraySizeException.class)
			.isThrownBy(() -> decode(unguarded, largeFrame(0xFFFFFFFFFFFFFFFFL)));
	}

	@Test
	void decoderCompletesNegativeSizeFramesAsEmptyCommandsAndGoesOn() {
		for (long size : new long[] { 0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFF80000000L, 0x80000000FFFFFFFFL,
				0x800000007FFFFFFFL }) {
			V2Decoder decoder = new V2Decoder(new Errno(), 8192, MAX, this.allocator);
			ByteBuffer bytes = ByteBuffer.allocate(9 + 4);
			bytes.put(largeFrame(size)).put(new byte[] { 0x00, 0x02, 'o', 'k' }).flip();
			Decoded first = decode(decoder, bytes);
			assertThat(first.result()).isEqualTo(Step.Result.DECODED);
			assertThat(first.msg().isCommand()).isTrue();
			assertThat(first.msg().size()).isZero();
			Decoded second = decode(decoder, bytes);
			assertThat(second.result()).isEqualTo(Step.Result.DECODED);
			assertThat(new String(second.msg().data())).isEqualTo("ok");
		}
		assertThat(this.violations).hasSize(4);
	}

	@Test
	void decoderStillRejectsPositiveSizesAboveTheMaxMessageSize() {
		V2Decoder decoder = new V2Decoder(new Errno(), 8192, MAX, this.allocator);
		assertThat(decode(decoder, largeFrame(1L << 40)).result()).isEqualTo(Step.Result.ERROR);
		assertThat(this.violations).isEmpty();
	}

	private static ByteBuffer largeFrame(long size) {
		ByteBuffer frame = ByteBuffer.allocate(9);
		frame.put((byte) 0x02).putLong(size).flip();
		return frame;
	}

	private static Decoded decode(V2Decoder decoder, ByteBuffer input) {
		ValueReference<Integer> processed = new ValueReference<>(0);
		ByteBuffer buffer = decoder.getBuffer();
		int length = Math.min(buffer.remaining(), input.remaining());
		ByteBuffer slice = input.slice();
		slice.limit(length);
		buffer.put(slice);
		buffer.flip();
		Step.Result result = decoder.decode(buffer, length, processed);
		input.position(input.position() + processed.get());
		return new Decoded(result, decoder.msg());
	}

	private record Decoded(Step.Result result, Msg msg) {
	}

}

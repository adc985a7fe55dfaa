package io.zmqspring.test.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.util.Assert;

/**
 * A message a {@link ZmqTestPeer} received: all its frames, as JeroMQ delivered them.
 *
 * @param frames the frames, first to last
 *
 * @author zmq-spring-boot
 */
public record ZmqTestMessage(List<byte[]> frames) {

	public ZmqTestMessage {
		Assert.notEmpty(frames, "'frames' must not be empty");
		frames = List.copyOf(frames);
	}

	/**
	 * Return the last frame, the payload by the starter's convention.
	 * @return the bytes of the last frame
	 */
	public byte[] payload() {
		return this.frames.get(this.frames.size() - 1);
	}

	/**
	 * Return the last frame as UTF-8 text.
	 * @return the text
	 */
	public String text() {
		return new String(payload(), StandardCharsets.UTF_8);
	}

	/**
	 * Return every frame as UTF-8 text.
	 * @return the texts, first frame first
	 */
	public List<String> texts() {
		return this.frames.stream().map((frame) -> new String(frame, StandardCharsets.UTF_8)).toList();
	}

	@Override
	public String toString() {
		return "ZmqTestMessage" + texts();
	}

}

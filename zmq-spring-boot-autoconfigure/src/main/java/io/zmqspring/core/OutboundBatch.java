package io.zmqspring.core;

/**
 * Messages handed to a socket's owner in one queue operation, sent in order: each a
 * {@code byte[]} frame or a {@code byte[][]} multipart message. Only the owner's thread moves
 * its position.
 *
 * @author zmq-spring-boot
 */
final class OutboundBatch {

	private final Object[] messages;

	private int next;

	OutboundBatch(Object[] messages) {
		this.messages = messages;
	}

	boolean hasNext() {
		return this.next < this.messages.length;
	}

	Object peek() {
		return this.messages[this.next];
	}

	void advance() {
		this.next++;
	}

	int position() {
		return this.next;
	}

	int remaining() {
		return this.messages.length - this.next;
	}

}

package io.zmqspring.core;

import java.util.concurrent.CompletableFuture;

/**
 * A receiver's request to leave a {@link ZmqSocketOwner}, served on the owner's thread.
 *
 * @author zmq-spring-boot
 */
final class OwnerDetach {

	final ZmqSocketReceiver receiver;

	final CompletableFuture<Void> done = new CompletableFuture<>();

	OwnerDetach(ZmqSocketReceiver receiver) {
		this.receiver = receiver;
	}

}


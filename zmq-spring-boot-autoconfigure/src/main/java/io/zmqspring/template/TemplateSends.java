package io.zmqspring.template;

import org.jspecify.annotations.Nullable;

import io.zmqspring.core.ZmqSocketOwner;

/**
 * Where a {@link ZmqTemplate} hands what it sends: a socket's durable outbox, if it has one,
 * else the socket's owner; observed when observations are on.
 *
 * @author zmq-spring-boot
 */
final class TemplateSends {

	/** Set while some sockets have a durable outbox; {@code null} (the default) costs one field read. */
	private @Nullable ZmqDurableSends durableSends;

	/** Set while observations are on; {@code null} (the default) costs one field read per send. */
	private @Nullable TemplateObservations observations;

	void setDurableSends(@Nullable ZmqDurableSends durableSends) {
		this.durableSends = durableSends;
	}

	@Nullable ZmqDurableSends durableSends() {
		return this.durableSends;
	}

	void setObservations(@Nullable TemplateObservations observations) {
		this.observations = observations;
	}

	@Nullable TemplateObservations observations() {
		return this.observations;
	}

	/**
	 * Hand a message (a payload or frames ending with one) to its socket's owner; observed when
	 * observations are on, with the trace headers in its header frame when the socket has one.
	 */
	void send(ZmqSocketOwner target, @Nullable String topic, Object message) {
		TemplateObservations observing = this.observations;
		if (observing == null) {
			handOver(target, message);
			return;
		}
		observing.send(target, topic,
				(message instanceof byte[] payload) ? new byte[][] { payload } : (byte[][]) message, this::handOver);
	}

	/** Hand a message to the socket's durable outbox, if it has one, else to its owner. */
	private void handOver(ZmqSocketOwner target, Object message) {
		ZmqDurableSends durable = this.durableSends;
		if (durable == null || !durable.send(target, message)) {
			target.send(message);
		}
	}

	void handOverBatch(ZmqSocketOwner target, Object[] messages) {
		ZmqDurableSends durable = this.durableSends;
		if (durable == null || !durable.sendBatch(target, messages)) {
			target.sendBatch(messages);
		}
	}

}

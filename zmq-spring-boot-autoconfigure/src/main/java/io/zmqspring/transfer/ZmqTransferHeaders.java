package io.zmqspring.transfer;

/**
 * Names of the message headers a transfer listener method can ask for with {@code @Header},
 * besides {@link io.zmqspring.listener.ZmqHeaders#SOCKET},
 * {@link io.zmqspring.listener.ZmqHeaders#LISTENER_ID} and
 * {@link io.zmqspring.listener.ZmqHeaders#ROUTING_ID}. Every header of the sender's own
 * ({@link ZmqTransferMetadata#headers()}) is there under its own name, and the content type
 * under {@link org.springframework.messaging.MessageHeaders#CONTENT_TYPE}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqTransferHeaders {

	/** The transfer's id, in hexadecimal ({@code String}). */
	public static final String ID = "zmq_transferId";

	/** The name the sender gave the payload ({@code String}), if it gave one. */
	public static final String NAME = "zmq_transferName";

	/** The payload's size in bytes ({@code Long}). */
	public static final String SIZE = "zmq_transferSize";

	/** The payload's CRC32C ({@code Integer}). */
	public static final String CHECKSUM = "zmq_transferChecksum";

	private ZmqTransferHeaders() {
	}

}

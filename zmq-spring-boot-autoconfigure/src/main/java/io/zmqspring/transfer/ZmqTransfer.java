package io.zmqspring.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * A payload a transfer listener received whole: spooled to a file, its size and checksum
 * verified. A listener method takes it as {@code ZmqTransfer}, or directly as a {@link Path},
 * {@link Resource} or {@link InputStream}. The file is deleted once the method returns, unless
 * the method moved it away with {@link #moveTo(Path)}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqTransfer {

	private final String id;

	private final String socketName;

	private final String listenerId;

	private final byte[] routingId;

	private final ZmqTransferMetadata metadata;

	private final long size;

	private final int checksum;

	private final Path path;

	private volatile @Nullable Path movedTo;

	ZmqTransfer(String id, String socketName, String listenerId, byte[] routingId, ZmqTransferMetadata metadata,
			long size, int checksum, Path path) {
		this.id = id;
		this.socketName = socketName;
		this.listenerId = listenerId;
		this.routingId = routingId;
		this.metadata = metadata;
		this.size = size;
		this.checksum = checksum;
		this.path = path;
	}

	/**
	 * Return the transfer's id, as its sender chose it.
	 * @return the id, in hexadecimal
	 */
	public String getId() {
		return this.id;
	}

	public String getSocketName() {
		return this.socketName;
	}

	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the routing id of the sender's connection.
	 * @return a copy of the routing id
	 */
	public byte[] getRoutingId() {
		return this.routingId.clone();
	}

	/**
	 * Return the name the sender gave the payload.
	 * @return the name, for example a file name, or {@code null}
	 */
	public @Nullable String getName() {
		return this.metadata.name();
	}

	/**
	 * Return the content type the sender gave the payload.
	 * @return the content type, or {@code null}
	 */
	public @Nullable String getContentType() {
		return this.metadata.contentType();
	}

	/**
	 * Return the sender's own headers.
	 * @return the headers, never {@code name} or {@code contentType}
	 */
	public Map<String, String> getHeaders() {
		return this.metadata.headers();
	}

	/**
	 * Return the payload's size.
	 * @return the bytes
	 */
	public long getSize() {
		return this.size;
	}

	/**
	 * Return the CRC32C of the payload, which matched the sender's.
	 * @return the checksum
	 */
	public int getChecksum() {
		return this.checksum;
	}

	/**
	 * Return the spool file holding the payload; it is deleted when the listener returns.
	 * @return the file
	 */
	public Path getPath() {
		Path moved = this.movedTo;
		return (moved != null) ? moved : this.path;
	}

	/**
	 * Return the payload as a resource.
	 * @return a resource on the spool file
	 */
	public Resource getResource() {
		return new FileSystemResource(getPath());
	}

	/**
	 * Open the payload for reading. Close the stream before the listener returns.
	 * @return a new stream
	 * @throws IOException if the file cannot be opened
	 */
	public InputStream getInputStream() throws IOException {
		return Files.newInputStream(getPath());
	}

	/**
	 * Keep the payload: move its file to a place of the application's, which it owns from now on.
	 * @param target the file to move it to; replaced if it exists
	 * @return the target
	 * @throws IOException if the file cannot be moved
	 */
	public synchronized Path moveTo(Path target) throws IOException {
		Assert.notNull(target, "'target' must not be null");
		Assert.state(this.movedTo == null, () -> "Transfer " + this.id + " was already moved to " + this.movedTo);
		Path moved = Files.move(this.path, target, StandardCopyOption.REPLACE_EXISTING);
		this.movedTo = moved;
		return moved;
	}

	/** Delete the spool file unless it was moved away. */
	void release() throws IOException {
		if (this.movedTo == null) {
			Files.deleteIfExists(this.path);
		}
	}

	@Override
	public String toString() {
		return "ZmqTransfer[id=" + this.id + ", socket=" + this.socketName + ", size=" + this.size + "]";
	}

}

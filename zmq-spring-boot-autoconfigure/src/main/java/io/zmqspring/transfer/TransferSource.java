package io.zmqspring.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a sender reads a payload from, one chunk at a time: an {@link InputStream}, a file or a
 * {@code byte[]}. Used by the transfer's sending thread only.
 *
 * @author zmq-spring-boot
 */
abstract class TransferSource implements Closeable {

	/**
	 * Return the payload's size.
	 * @return the bytes, or -1 if unknown until the end is read
	 */
	abstract long size();

	/**
	 * Fill a buffer, unless the payload ends first.
	 * @param buffer the buffer
	 * @return how many bytes were read: the buffer's length, or fewer at the end
	 * @throws IOException if the payload cannot be read
	 */
	abstract int read(byte[] buffer) throws IOException;

	static TransferSource of(InputStream stream) {
		return new TransferSource() {

			@Override
			long size() {
				return -1;
			}

			@Override
			int read(byte[] buffer) throws IOException {
				return stream.readNBytes(buffer, 0, buffer.length);
			}

			@Override
			public void close() throws IOException {
				stream.close();
			}

		};
	}

	static TransferSource of(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		long size;
		try {
			size = channel.size();
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		return new TransferSource() {

			@Override
			long size() {
				return size;
			}

			@Override
			int read(byte[] buffer) throws IOException {
				ByteBuffer target = ByteBuffer.wrap(buffer);
				while (target.hasRemaining()) {
					if (channel.read(target) < 0) {
						break;
					}
				}
				return target.position();
			}

			@Override
			public void close() throws IOException {
				channel.close();
			}

		};
	}

	static TransferSource of(byte[] payload) {
		return new TransferSource() {

			private int position;

			@Override
			long size() {
				return payload.length;
			}

			@Override
			int read(byte[] buffer) {
				int count = Math.min(buffer.length, payload.length - this.position);
				System.arraycopy(payload, this.position, buffer, 0, count);
				this.position += count;
				return count;
			}

			@Override
			public void close() {
			}

		};
	}

}

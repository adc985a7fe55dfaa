package io.zmqspring.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A payload of any size made up on the fly: the same seed and size always give the same bytes,
 * so a test can send gigabytes and check what arrived by its checksum without ever holding it.
 */
final class GeneratedData extends InputStream {

	private final long size;

	private long state;

	private long position;

	private long word;

	GeneratedData(long seed, long size) {
		this.state = (seed == 0) ? 0x9E3779B97F4A7C15L : seed;
		this.size = size;
	}

	/** A stream that never ends (until the reader stops). */
	static GeneratedData endless(long seed) {
		return new GeneratedData(seed, Long.MAX_VALUE);
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (this.position >= this.size) {
			return -1;
		}
		int count = (int) Math.min(length, this.size - this.position);
		int i = 0;
		while (i < count) {
			int shift = (int) (this.position & 7);
			if (shift == 0) {
				next();
				if (count - i >= 8) {
					// a whole word at once, the same bytes as one at a time
					long value = this.word;
					for (int b = 0; b < 8; b++) {
						buffer[offset + i + b] = (byte) (value >>> (b << 3));
					}
					i += 8;
					this.position += 8;
					continue;
				}
			}
			buffer[offset + i] = (byte) (this.word >>> (shift << 3));
			this.position++;
			i++;
		}
		return count;
	}

	private void next() {
		this.state ^= this.state << 13;
		this.state ^= this.state >>> 7;
		this.state ^= this.state << 17;
		this.word = this.state;
	}

	/** The CRC32C of the payload of a seed and size. */
	static int checksum(long seed, long size) {
		return checksum(new GeneratedData(seed, size));
	}

	/** The payload of a seed and size as an array, for tests that send a {@code byte[]}. */
	static byte[] bytes(long seed, int size) {
		byte[] bytes = new byte[size];
		new GeneratedData(seed, size).read(bytes, 0, size);
		return bytes;
	}

	static int checksum(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, 0, bytes.length);
		return (int) crc.getValue();
	}

	/** The CRC32C of a file, read as a stream. */
	static int checksum(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return checksum(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int checksum(InputStream in) {
		try {
			CRC32C crc = new CRC32C();
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer, 0, buffer.length)) > 0) {
				crc.update(buffer, 0, read);
			}
			return (int) crc.getValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Write the payload of a seed and size to a file, streaming. */
	static void write(long seed, long size, Path file) {
		try (InputStream in = new GeneratedData(seed, size)) {
			Files.copy(in, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

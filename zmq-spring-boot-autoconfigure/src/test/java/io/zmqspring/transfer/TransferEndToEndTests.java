package io.zmqspring.transfer;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads several times a socket's max-message-size, sent with {@link ZmqTransferTemplate} on a
 * DEALER socket to a {@code @ZmqListener} on a ROUTER socket with {@code transfer.enabled}, over
 * tcp and inproc: what arrives is checked by its checksum, read back from the spool file.
 */
class TransferEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path spool;

	@TempDir
	Path files;

	private ApplicationContextRunner runner(Transport transport, Class<?> listener) {
		String endpoint = transport.endpoint();
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(listener)
			.withPropertyValues("zmq.sockets.files.type=ROUTER", "zmq.sockets.files.endpoints=@" + endpoint,
					"zmq.sockets.files.transfer.enabled=true",
					"zmq.sockets.files.transfer.spool-directory=" + this.spool,
					"zmq.sockets.out.type=DEALER", "zmq.sockets.out.endpoints=>" + endpoint,
					"zmq.sockets.out.transfer.enabled=true");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aByteArrayFiveTimesTheMaxMessageSizeArrivesWhole(Transport transport) {
		byte[] payload = GeneratedData.bytes(1, 5 * 1024 * 1024 + 17);
		runner(transport, TransferListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTransferResult result = context.getBean(ZmqTransferTemplate.class)
				.send("out", payload, ZmqTransferMetadata.named("five.bin").withContentType("application/octet-stream"))
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			Received received = context.getBean(TransferListener.class).next();
			assertThat(received.name()).isEqualTo("five.bin");
			assertThat(received.contentType()).isEqualTo("application/octet-stream");
			assertThat(received.size()).isEqualTo(payload.length);
			assertThat(received.fileChecksum()).isEqualTo(GeneratedData.checksum(payload))
				.isEqualTo(result.checksum());
			assertThat(result.bytes()).isEqualTo(payload.length);
			assertThat(result.chunks()).isEqualTo(21);
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aFileArrivesUnderItsNameWithItsChecksum(Transport transport) {
		Path file = this.files.resolve("report.dat");
		GeneratedData.write(2, 20L * 1024 * 1024 + 3, file);
		runner(transport, PathListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTransferResult result = context.getBean(ZmqTransferTemplate.class)
				.send("out", file)
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			Received received = context.getBean(PathListener.class).next();
			assertThat(received.name()).isEqualTo("report.dat");
			assertThat(received.size()).isEqualTo(Files.size(file));
			assertThat(received.fileChecksum()).isEqualTo(GeneratedData.checksum(file)).isEqualTo(result.checksum());
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aStreamOfUnknownLengthArrivesWhole(Transport transport) {
		long size = 32L * 1024 * 1024;
		runner(transport, StreamListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZmqTransferResult result = context.getBean(ZmqTransferTemplate.class)
				.send("out", new GeneratedData(3, size))
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			Received received = context.getBean(StreamListener.class).next();
			assertThat(received.size()).isEqualTo(size);
			assertThat(received.fileChecksum()).isEqualTo(GeneratedData.checksum(3, size))
				.isEqualTo(result.checksum());
			// a stream that ends on a chunk boundary ends with an empty last chunk
			assertThat(result.chunks()).isEqualTo(size / ZmqTransferSettings.DEFAULT_CHUNK_SIZE + 1);
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void theSpoolFileIsGoneOnceTheListenerReturned(Transport transport) {
		runner(transport, TransferListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTransferTemplate.class)
				.send("out", GeneratedData.bytes(4, 3 * 1024 * 1024))
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			Received received = context.getBean(TransferListener.class).next();
			assertThat(received.spoolFile().getParent()).isEqualTo(this.spool);
			org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.notExists(received.spoolFile()));
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aResourceParameterReadsTheSpooledPayload(Transport transport) {
		byte[] payload = GeneratedData.bytes(5, 2 * 1024 * 1024 + 1);
		runner(transport, ResourceListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(ZmqTransferTemplate.class).send("out", payload).get(WAIT.toSeconds(), TimeUnit.SECONDS);
			Received received = context.getBean(ResourceListener.class).next();
			assertThat(received.size()).isEqualTo(payload.length);
			assertThat(received.fileChecksum()).isEqualTo(GeneratedData.checksum(payload));
		});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void aListenerThatMovesThePayloadAwayKeepsIt(Transport transport) {
		byte[] payload = GeneratedData.bytes(6, 3 * 1024 * 1024);
		runner(transport, MovingListener.class).withPropertyValues("kept=" + this.files.resolve("kept.bin"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTransferTemplate.class)
					.send("out", payload, ZmqTransferMetadata.named("kept.bin").withHeader("origin", "test"))
					.get(WAIT.toSeconds(), TimeUnit.SECONDS);
				Received received = context.getBean(MovingListener.class).next();
				assertThat(received.name()).isEqualTo("test");
				assertThat(received.spoolFile()).isEqualTo(this.files.resolve("kept.bin"));
				assertThat(GeneratedData.checksum(received.spoolFile())).isEqualTo(GeneratedData.checksum(payload));
				try (java.util.stream.Stream<Path> spooled = Files.list(this.spool)) {
					assertThat(spooled).isEmpty();
				}
			});
	}

	record Received(String name, String contentType, long size, int fileChecksum, Path spoolFile) {
	}

	abstract static class Recorder {

		final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

		Received next() throws InterruptedException {
			Received next = this.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(next).as("a transfer arrived").isNotNull();
			return next;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TransferListener extends Recorder {

		@ZmqListener(socket = "files")
		void receive(ZmqTransfer transfer) {
			this.received.add(new Received(transfer.getName(), transfer.getContentType(), transfer.getSize(),
					GeneratedData.checksum(transfer.getPath()), transfer.getPath()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PathListener extends Recorder {

		@ZmqListener(socket = "files")
		void receive(Path file, @Header(ZmqTransferHeaders.NAME) String name,
				@Header(ZmqTransferHeaders.SIZE) long size) {
			this.received.add(new Received(name, null, size, GeneratedData.checksum(file), file));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StreamListener extends Recorder {

		@ZmqListener(socket = "files")
		void receive(InputStream payload, @Header(ZmqTransferHeaders.SIZE) long size,
				@Header(name = MessageHeaders.CONTENT_TYPE, required = false) String contentType) {
			this.received.add(new Received(null, contentType, size, GeneratedData.checksum(payload), null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MovingListener extends Recorder {

		@org.springframework.beans.factory.annotation.Value("${kept}")
		Path kept;

		@ZmqListener(socket = "files")
		void receive(ZmqTransfer transfer, @Header("origin") String origin) throws java.io.IOException {
			Path moved = transfer.moveTo(this.kept);
			this.received.add(new Received(origin, null, transfer.getSize(), 0, moved));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ResourceListener extends Recorder {

		@ZmqListener(socket = "files")
		void receive(Resource payload) throws java.io.IOException {
			try (InputStream in = payload.getInputStream()) {
				this.received.add(new Received(payload.getFilename(), null, payload.contentLength(),
						GeneratedData.checksum(in), payload.getFile().toPath()));
			}
		}

	}

}

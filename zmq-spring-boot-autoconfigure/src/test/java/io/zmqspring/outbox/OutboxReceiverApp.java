package io.zmqspring.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.Header;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqOutboxAutoConfiguration;
import io.zmqspring.listener.ZmqHeaders;

/**
 * The receiving process of {@link OutboxProcessKillTests}: a ROUTER listener with the outbox's
 * listener side. Its handler writes every call to {@code invocations.log} and, once per message,
 * the message to {@code handled.log}: a message flagged as a possible duplicate that is in there
 * already is not written again, as an idempotent handler would skip work it did. Both files are
 * appended with a plain write, which a {@code kill -9} cannot undo (only a power failure could).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ ZmqAutoConfiguration.class, ZmqOutboxAutoConfiguration.class })
class OutboxReceiverApp {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OutboxReceiverApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@Bean
	Journal journal(@Value("${journal}") Path directory) {
		return new Journal(directory);
	}

	static final class Journal {

		private final FileChannel invocations;

		private final FileChannel handledLog;

		private final Set<String> handled = new HashSet<>();

		Journal(Path directory) {
			try {
				Files.createDirectories(directory);
				Path handledFile = directory.resolve("handled.log");
				if (Files.exists(handledFile)) {
					this.handled.addAll(Files.readAllLines(handledFile));
				}
				this.invocations = FileChannel.open(directory.resolve("invocations.log"), StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
				this.handledLog = FileChannel.open(handledFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@ZmqListener(socket = "in")
		void on(String text, @Header(name = ZmqHeaders.POSSIBLE_DUPLICATE, required = false) @Nullable String flag)
				throws IOException {
			append(this.invocations, text + ((flag != null) ? " possible-duplicate" : ""));
			if (flag != null && this.handled.contains(text)) {
				return;
			}
			append(this.handledLog, text);
			this.handled.add(text);
		}

		private static void append(FileChannel channel, String line) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
		}

	}

}

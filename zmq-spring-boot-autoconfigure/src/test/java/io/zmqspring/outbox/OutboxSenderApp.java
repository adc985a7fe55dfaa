package io.zmqspring.outbox;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.autoconfigure.ZmqOutboxAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;

/**
 * The sending process of {@link OutboxProcessKillTests}: sends {@code m<i>} for i up to
 * {@code count} through a DEALER with a durable outbox, at a steady pace, and then stays up
 * while the outbox delivers. After a restart it goes on after the last message the outbox
 * accepted (the outbox's sequence is the number of messages accepted minus one), so it sends
 * none twice itself. Each accepted send is written to {@code sent.log}, so the test can see how
 * far it got.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ ZmqAutoConfiguration.class, ZmqOutboxAutoConfiguration.class })
class OutboxSenderApp {

	public static void main(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(OutboxSenderApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run(args);
		int count = Integer.parseInt(context.getEnvironment().getRequiredProperty("count"));
		long paceNanos = Long.parseLong(context.getEnvironment().getRequiredProperty("pace-nanos"));
		Path journal = Path.of(context.getEnvironment().getRequiredProperty("journal"));
		Files.createDirectories(journal);
		ZmqTemplate template = context.getBean(ZmqTemplate.class);
		ZmqOutbox outbox = context.getBean(ZmqOutboxes.class).getOutbox("out");
		try (FileChannel sent = FileChannel.open(journal.resolve("sent.log"), StandardOpenOption.CREATE,
				StandardOpenOption.APPEND)) {
			for (long i = outbox.getLastSequence() + 1; i < count; i++) {
				template.send("out", ("m" + i).getBytes(StandardCharsets.UTF_8));
				sent.write(ByteBuffer.wrap((i + "\n").getBytes(StandardCharsets.UTF_8)));
				LockSupport.parkNanos(paceNanos);
			}
		}
		// deliver until stopped
		new CountDownLatch(1).await();
	}

}

package io.zmqspring.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.test.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a completed transfer counts on each side: its bytes and chunks, one completion, and no
 * transfer left in progress.
 */
class TransferMetersTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path spool;

	@Test
	void aCompletedTransferCountsItsBytesChunksAndCompletionOnBothSides() {
		String endpoint = Transport.INPROC.endpoint();
		int size = 3 * 256 * 1024 + 10;
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withUserConfiguration(TransferAbortTests.Listener.class)
			.withPropertyValues("zmq.sockets.files.type=ROUTER", "zmq.sockets.files.endpoints=@" + endpoint,
					"zmq.sockets.files.transfer.enabled=true",
					"zmq.sockets.files.transfer.spool-directory=" + this.spool, "zmq.sockets.out.type=DEALER",
					"zmq.sockets.out.endpoints=>" + endpoint, "zmq.sockets.out.transfer.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ZmqTransferTemplate.class)
					.send("out", GeneratedData.bytes(21, size))
					.get(WAIT.toSeconds(), TimeUnit.SECONDS);
				context.getBean(TransferAbortTests.Listener.class).next();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				for (String[] side : new String[][] { { "out", "sent" }, { "files", "received" } }) {
					assertThat(meters.get("zmq.transfer.bytes").tags("socket", side[0], "direction", side[1]).counter()
						.count()).isEqualTo(size);
					assertThat(meters.get("zmq.transfer.chunks").tags("socket", side[0], "direction", side[1])
						.counter()
						.count()).isEqualTo(4);
					assertThat(meters.get("zmq.transfer.completed").tags("socket", side[0], "direction", side[1])
						.counter()
						.count()).isEqualTo(1);
					await().atMost(WAIT)
						.until(() -> meters.get("zmq.transfer.active").tags("socket", side[0]).gauge().value() == 0);
				}
				assertThat(meters.find("zmq.transfer.aborted").counter()).isNull();
			});
	}

}

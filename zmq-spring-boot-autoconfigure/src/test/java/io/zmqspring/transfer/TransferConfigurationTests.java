package io.zmqspring.transfer;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Transfer settings that cannot work fail startup naming the property or listener at fault.
 */
class TransferConfigurationTests {

	@TempDir
	Path spool;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	private ApplicationContextRunner receiver(String... properties) {
		return this.runner.withPropertyValues("zmq.sockets.files.type=ROUTER",
				"zmq.sockets.files.endpoints=@inproc://files", "zmq.sockets.files.transfer.enabled=true",
				"zmq.sockets.files.transfer.spool-directory=" + this.spool)
			.withPropertyValues(properties);
	}

	@Test
	void aChunkSizeAboveTheReceiversMaxMessageSizeFailsNamingTheChunkSize() {
		assertFailure(receiver("zmq.sockets.files.transfer.chunk-size=2MB"), "zmq.sockets.files.transfer.chunk-size",
				"2097152B", "max-message-size of 1048576 bytes");
	}

	@Test
	void aChunkSizeWithinARaisedMaxMessageSizeIsFine() {
		receiver("zmq.sockets.files.transfer.chunk-size=2MB", "zmq.sockets.files.max-message-size=4MB")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void transfersOnASocketThatIsNeitherDealerNorRouterFailNamingEnabled() {
		assertFailure(this.runner.withPropertyValues("zmq.sockets.out.type=PUSH",
				"zmq.sockets.out.endpoints=>inproc://files", "zmq.sockets.out.transfer.enabled=true"),
				"zmq.sockets.out.transfer.enabled", "true", "a DEALER socket and received on a ROUTER");
	}

	@Test
	void aSendingDealerWithTwoEndpointsFailsNamingItsEndpoints() {
		assertFailure(
				this.runner.withPropertyValues("zmq.sockets.out.type=DEALER",
						"zmq.sockets.out.endpoints=>tcp://127.0.0.1:5001,>tcp://127.0.0.1:5002",
						"zmq.sockets.out.transfer.enabled=true"),
				"zmq.sockets.out.endpoints", null, "exactly one endpoint");
	}

	@Test
	void aCreditBelowOneFailsNamingTheCredit() {
		assertFailure(receiver("zmq.sockets.files.transfer.credit=0"), "zmq.sockets.files.transfer.credit", "0",
				"at least 1");
	}

	@Test
	void aZeroIdleTimeoutFailsNamingIt() {
		assertFailure(receiver("zmq.sockets.files.transfer.idle-timeout=0s"),
				"zmq.sockets.files.transfer.idle-timeout", "PT0S", "positive");
	}

	@Test
	void aSpoolDirectoryThatIsAFileFailsNamingIt() throws Exception {
		Path file = java.nio.file.Files.createFile(this.spool.resolve("not-a-directory"));
		assertFailure(receiver("zmq.sockets.files.transfer.spool-directory=" + file),
				"zmq.sockets.files.transfer.spool-directory", file.toString(), "cannot be created");
	}

	@Test
	void aMissingSpoolDirectoryIsCreated() {
		Path missing = this.spool.resolve("a/b");
		receiver("zmq.sockets.files.transfer.spool-directory=" + missing).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(missing).isDirectory();
		});
	}

	@Test
	void aListenerOnATransferSocketWithoutAPayloadItCanTakeFailsNamingTheListener() {
		receiver().withUserConfiguration(BytesListener.class).run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).startsWith("@ZmqListener 'bytes'");
			assertThat(failure.getReason()).contains("ZmqTransfer, Path, File, Resource or InputStream");
		});
	}

	@Test
	void aBatchListenerOnATransferSocketFailsNamingTheListener() {
		receiver().withUserConfiguration(BatchListener.class).run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).endsWith("BatchListener.receive batch");
		});
	}

	@Test
	void sendingOnASocketWithoutTransfersFailsNamingTheProperty() {
		this.runner.withPropertyValues("zmq.sockets.plain.type=DEALER", "zmq.sockets.plain.endpoints=>inproc://plain")
			.run((context) -> assertThatExceptionOfType(ZmqException.class)
				.isThrownBy(() -> context.getBean(ZmqTransferTemplate.class).send("plain", new byte[1]))
				.withMessageContaining("transfer.enabled=true"));
	}

	private static void assertFailure(ApplicationContextRunner runner, String property, String value, String reason) {
		runner.run((context) -> {
			ZmqConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo(property);
			if (value != null) {
				assertThat(failure.getValue()).isEqualTo(value);
			}
			assertThat(failure.getReason()).contains(reason);
			assertThat(failure.getMessage()).contains(property);
		});
	}

	private static ZmqConfigurationException rootCause(Throwable failure) {
		assertThat(failure).isNotNull();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ZmqConfigurationException configuration) {
				return configuration;
			}
		}
		throw new AssertionError("No ZmqConfigurationException in the cause chain of " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class BytesListener {

		@ZmqListener(id = "bytes", socket = "files")
		void receive(byte[] payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BatchListener {

		@ZmqListener(id = "batch", socket = "files", batch = "true")
		void receive(java.util.List<Path> payloads) {
		}

	}

}

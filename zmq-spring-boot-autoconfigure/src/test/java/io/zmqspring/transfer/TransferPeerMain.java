package io.zmqspring.transfer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;

/**
 * A transfer peer for the process tests, run in a JVM of its own with a small heap: the starter
 * in a Spring application, as a receiver or a sender of generated data. It reports on stdout:
 * <ul>
 * <li>{@code receive <endpoint> <spool directory>}: binds a ROUTER transfer listener, prints
 * {@code READY}, then for every payload {@code RECEIVED <size> <crc32c of the file read back>}
 * and {@code HEAP <peak bytes> <max bytes>}, until it is killed</li>
 * <li>{@code send <endpoint> <seed> <size>}: sends that much generated data (size -1 for no end),
 * printing {@code SENDING}, then {@code SENT <bytes> <crc32c> <nanos>} and {@code HEAP ...}, and
 * exits</li>
 * </ul>
 */
public final class TransferPeerMain {

	private TransferPeerMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("receive")) {
			receive(args[1], args[2]);
		}
		else {
			send(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
		}
	}

	/** Returns once the listener runs, whose keep-alive thread keeps the JVM up until it is killed. */
	private static void receive(String endpoint, String spool) {
		application(ReceiverApplication.class,
				"zmq.sockets.files.type=ROUTER", "zmq.sockets.files.endpoints=@" + endpoint,
				"zmq.sockets.files.transfer.enabled=true", "zmq.sockets.files.transfer.spool-directory=" + spool,
				"zmq.sockets.files.transfer.idle-timeout=2s");
		System.out.println("READY");
	}

	private static void send(String endpoint, long seed, long size) throws Exception {
		try (ConfigurableApplicationContext context = application(SenderApplication.class,
				"zmq.sockets.out.type=DEALER", "zmq.sockets.out.endpoints=>" + endpoint,
				"zmq.sockets.out.handshake-interval=1s",
				"zmq.sockets.out.transfer.enabled=true", "zmq.sockets.out.transfer.idle-timeout=20s")) {
			ZmqTransferTemplate template = context.getBean(ZmqTransferTemplate.class);
			System.out.println("SENDING");
			GeneratedData data = (size < 0) ? GeneratedData.endless(seed) : new GeneratedData(seed, size);
			ZmqTransferResult result = template.send("out", data, ZmqTransferMetadata.named("generated-" + seed))
				.get(10, TimeUnit.MINUTES);
			System.out.println("SENT " + result.bytes() + " " + Integer.toHexString(result.checksum()) + " "
					+ result.duration().toNanos());
			printHeap();
		}
	}

	private static ConfigurableApplicationContext application(Class<?> type, String... properties) {
		return new SpringApplicationBuilder(type).web(WebApplicationType.NONE)
			.properties("logging.level.root=WARN", "spring.main.banner-mode=off")
			.properties(properties)
			.properties(extraProperties(type == ReceiverApplication.class ? "receive" : "send"))
			.run();
	}

	/** Properties given as {@code -Dtransfer.peer.receive=a=b,c=d} (or {@code send}), for experiments. */
	private static String[] extraProperties(String role) {
		String extra = System.getProperty("transfer.peer." + role, "");
		return extra.isEmpty() ? new String[0] : extra.split(",");
	}

	/** The peak heap in use (summed over the heap's pools) and the largest it may grow to. */
	static void printHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		System.out.println("HEAP " + peak + " " + Runtime.getRuntime().maxMemory() + " " + cpu);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZmqAutoConfiguration.class)
	static class ReceiverApplication {

		@ZmqListener(socket = "files")
		void receive(ZmqTransfer transfer) {
			System.out.println("RECEIVED " + transfer.getSize() + " "
					+ Integer.toHexString(GeneratedData.checksum(transfer.getPath())));
			printHeap();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZmqAutoConfiguration.class)
	static class SenderApplication {

	}

}

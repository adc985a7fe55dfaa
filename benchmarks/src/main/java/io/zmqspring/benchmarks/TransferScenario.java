package io.zmqspring.benchmarks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.benchmarks.Harness.ThreadSet;
import io.zmqspring.transfer.ZmqTransfer;
import io.zmqspring.transfer.ZmqTransferTemplate;

/**
 * 13: a large payload over tcp in chunks of 256 KB, in MB/s: raw JeroMQ DEALER to ROUTER sending
 * the chunks as fast as the high-water mark lets it (nothing written anywhere), raw JeroMQ with
 * the same credit of 16 chunks (the receiver answers every chunk, the sender waits when 16
 * are unanswered), and the starter's transfer (ZmqTransferTemplate to a transfer listener, which
 * spools to a file and checks the CRC32C), with the spool under {@code java.io.tmpdir} and, where
 * there is one, on the tmpfs {@code /dev/shm}, which shows what the file system costs.
 */
final class TransferScenario {

	private static final int CHUNK = 256 * 1024;

	private static final int CREDIT = 16;

	private final Harness harness;

	TransferScenario(Harness harness) {
		this.harness = harness;
	}

	List<Row> run(String scenario) throws Exception {
		long chunks = this.harness.messages(1024);
		List<Row> rows = new ArrayList<>();
		rows.add(raw(scenario, "raw chunks", chunks, false));
		rows.add(raw(scenario, "raw, credit 16", chunks, true));
		rows.add(starter(scenario, "starter transfer", chunks, null));
		Path shm = Path.of("/dev/shm");
		if (Files.isDirectory(shm) && Files.isWritable(shm)) {
			rows.add(starter(scenario, "starter, spool on tmpfs", chunks, shm));
		}
		Row raw = rows.get(0);
		List<Row> result = new ArrayList<>(List.of(raw, rows.get(1).withRatio(raw.median(), "vs raw chunks")));
		for (Row row : rows.subList(2, rows.size())) {
			result.add(row.withRatio(raw.median(), "vs raw chunks; spooled to a file, CRC32C checked"));
		}
		return result;
	}

	private Row raw(String scenario, String variant, long chunks, boolean credit) throws Exception {
		byte[] chunk = new byte[CHUNK];
		String endpoint = Endpoints.tcp();
		try (ZContext senderContext = new ZContext(1); ZContext receiverContext = new ZContext(1);
				CreditReceiver receiver = new CreditReceiver(receiverContext, endpoint, credit)) {
			ZMQ.Socket dealer = senderContext.getContext().socket(SocketType.DEALER);
			dealer.setSndHWM(Bench.HWM);
			dealer.setHandshakeIvl(2000);
			dealer.connect(endpoint);
			Row row = this.harness.throughput(scenario, variant, chunks, (count) -> {
				long target = receiver.count.get() + count;
				long inFlight = 0;
				for (long i = 0; i < count; i++) {
					if (credit && inFlight == CREDIT) {
						dealer.recv(0);
						inFlight--;
					}
					dealer.send(chunk, 0);
					inFlight++;
				}
				Harness.awaitCount(receiver.count, target);
				for (; credit && inFlight > 0; inFlight--) {
					dealer.recv(0);
				}
			}, ThreadSet.none());
			dealer.setLinger(0);
			dealer.close();
			return megabytes(row);
		}
	}

	/** The starter's transfer, spooling in a new directory under {@code java.io.tmpdir} or another. */
	private Row starter(String scenario, String variant, long chunks, Path under) throws Exception {
		String endpoint = Endpoints.tcp();
		Path spool = (under != null) ? Files.createTempDirectory(under, "zmq-bench-spool")
				: Files.createTempDirectory("zmq-bench-spool");
		try (ConfigurableApplicationContext app = StarterApp.start(Sink.class, "zmq.sockets.rx.type=ROUTER",
				"zmq.sockets.rx.endpoints=@" + endpoint, "zmq.sockets.rx.transfer.enabled=true",
				"zmq.sockets.rx.transfer.credit=" + CREDIT, "zmq.sockets.rx.transfer.spool-directory=" + spool,
				"zmq.sockets.tx.type=DEALER", "zmq.sockets.tx.endpoints=>" + endpoint,
				"zmq.sockets.tx.transfer.enabled=true")) {
			ZmqTransferTemplate transfers = app.getBean(ZmqTransferTemplate.class);
			Row row = this.harness.throughput(scenario, variant, chunks,
					(count) -> transfers.send("tx", new Repeating(count * CHUNK)).get(120, TimeUnit.SECONDS),
					ThreadSet.none());
			return megabytes(row);
		}
		finally {
			FileSystemUtils.deleteRecursively(spool);
		}
	}

	/** The row of chunks a second as MB/s. */
	private static Row megabytes(Row row) {
		double factor = CHUNK / 1e6;
		return new Row(row.scenario(), row.variant(), "MB/s", row.median() * factor,
				row.rounds().stream().map((rate) -> rate * factor).toList(), null, null, "");
	}

	/** A payload of any size that costs its reader a copy of 64 KB at a time, nothing more. */
	private static final class Repeating extends InputStream {

		private static final byte[] BLOCK = new byte[64 * 1024];

		private long left;

		Repeating(long size) {
			this.left = size;
		}

		@Override
		public int read() {
			return (this.left-- > 0) ? 'x' : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.left <= 0) {
				return -1;
			}
			int count = (int) Math.min(Math.min(length, BLOCK.length), this.left);
			System.arraycopy(BLOCK, 0, buffer, offset, count);
			this.left -= count;
			return count;
		}

	}

	/** A raw ROUTER that counts chunks and, with credit, answers each one. */
	private static final class CreditReceiver extends Raw.SocketThread {

		final AtomicLong count = new AtomicLong();

		private final boolean credit;

		CreditReceiver(ZContext context, String endpoint, boolean credit) {
			this.credit = credit;
			start("raw-transfer-rx", () -> {
				ZMQ.Socket router = context.getContext().socket(SocketType.ROUTER);
				router.setRcvHWM(Bench.HWM);
				router.bind(endpoint);
				return router;
			});
		}

		@Override
		void serve(ZMQ.Socket socket, byte[] routingId) {
			socket.recv(0);
			if (this.credit) {
				socket.send(routingId, ZMQ.SNDMORE);
				socket.send(new byte[1], 0);
			}
			this.count.incrementAndGet();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZmqAutoConfiguration.class)
	static class Sink {

		@ZmqListener(id = "bench-transfer-rx", socket = "rx")
		void receive(ZmqTransfer transfer) {
			// the spool file is deleted when this returns
		}

	}

}

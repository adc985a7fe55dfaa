package io.zmqspring.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.zmqspring.annotation.ZmqListener;
import io.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.zmqspring.template.ZmqTemplate;
import io.zmqspring.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plain TCP clients write hostile ZMTP at the app's bound ports, thousands of times: every
 * socket must go on serving, the I/O thread must stay alive and idle, the violations must be
 * counted and memory must come back.
 * <p>
 * Uses only what the starter and JeroMQ offered before the hostile-input guard (threads are
 * found by name, violations through Micrometer), so that it runs against code without it.
 */
class HostileInputTests {

	private static final int ROUNDS = 25;

	private static final int ATTACKERS = 4;

	private static final Duration ATTACK_DEADLINE = Duration.ofSeconds(30);

	/** Longer than twice the handshake interval a connect JeroMQ stalls waits out. */
	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final long MEMORY_HEADROOM = 48L * 1024 * 1024;

	/** Negative as 64-bit sizes; their low 32 bits are negative, zero, positive or too large. */
	private static final long[] NEGATIVE_SIZES = { 0xFFFFFFFFFFFFFFFFL, 0x8000000000000000L, 0xFFFFFFFF80000000L,
			0x80000000FFFFFFFFL, 0x8000000080000000L, 0x800000007FFFFFFFL, 0xFFFFFFFFFFFFFFFEL, 0x8000000000000001L };

	private static final long ONE_TIB = 1L << 40;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("zmq.defaults.linger=0", "zmq.context.shutdown-timeout=3s",
				"zmq.template.reply-timeout=20s");

	@Test
	void hostileZmtpAtBoundPortsLeavesEverySocketServing() throws Exception {
		String rpc = FreePorts.tcp();
		String pipe = FreePorts.tcp();
		Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
		this.runner.withUserConfiguration(Listeners.class)
			.withPropertyValues("rpc=" + rpc, "pipe=" + pipe, "zmq.sockets.client.type=REQ",
					"zmq.sockets.client.endpoints=>" + rpc, "zmq.sockets.out.type=PUSH",
					"zmq.sockets.out.endpoints=>" + pipe)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				Listeners listeners = context.getBean(Listeners.class);
				assertServing(template, listeners, "before");
				List<Thread> zmqThreads = newZmqThreads(threadsBefore);
				assertThat(zmqThreads).isNotEmpty();
				long heapBefore = usedHeapAfterGc();
				long directBefore = directMemoryUsed();

				List<Attack> attacks = attacks(port(rpc), "REQ", port(pipe), "PUSH");
				AttackResult result = run(attacks);

				assertThat(result.unfinished()).as("attacks still running at the deadline").isZero();
				assertThat(result.notDropped())
					.as("hostile connections the app never closed (first ones: %s)", result.firstNotDropped())
					.isZero();
				assertThat(zmqThreads).as("ZeroMQ threads").allMatch(Thread::isAlive);
				assertServing(template, listeners, "after");
				assertLatePeerServed(rpc, pipe, listeners);
				assertThat(cpuMillisInOneSecond(zmqThreads)).as("ZeroMQ threads' CPU time over 1 s, idle")
					.isLessThan(300);
				long expectedViolations = attacks.stream().filter(Attack::violation).count();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(counted(meters, "zmq.protocol.violations")).isEqualTo(expectedViolations);
				assertThat(counted(meters, "zmq.io.thread.faults")).as("exceptions escaped into I/O threads")
					.isZero();
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(usedHeapAfterGc() - heapBefore).as("heap growth")
						.isLessThan(MEMORY_HEADROOM));
				assertThat(directMemoryUsed() - directBefore).as("direct memory growth").isLessThan(MEMORY_HEADROOM);
			});
	}

	private static void assertServing(ZmqTemplate template, Listeners listeners, String tag) {
		assertThat(template.convertSendAndReceive("client", "ping-" + tag, String.class)).isEqualTo("pong:ping-" + tag);
		template.convertAndSend("out", "pushed-" + tag);
		await().atMost(TIMEOUT).until(() -> listeners.pulledTexts.contains("pushed-" + tag));
	}

	/** A peer that connects after the attack is served by both attacked sockets. */
	private static void assertLatePeerServed(String rpc, String pipe, Listeners listeners) {
		try (ZContext peer = new ZContext(1)) {
			// A short handshake interval retries JeroMQ's own stalled connects (see README) quickly
			ZMQ.Socket req = peer.createSocket(SocketType.REQ);
			req.setHandshakeIvl(1000);
			req.setReconnectIVL(50);
			req.setReceiveTimeOut((int) TIMEOUT.toMillis());
			req.connect(rpc);
			assertThat(req.send("late")).isTrue();
			assertThat(req.recvStr()).isEqualTo("pong:late");
			ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
			push.setHandshakeIvl(1000);
			push.setReconnectIVL(50);
			push.setSendTimeOut((int) TIMEOUT.toMillis());
			push.connect(pipe);
			assertThat(push.send("late-push")).isTrue();
			await().atMost(TIMEOUT).until(() -> listeners.pulledTexts.contains("late-push"));
		}
	}

	// ---- the attack ----------------------------------------------------------------------

	/**
	 * One connection's worth of hostile bytes.
	 * @param name what it is
	 * @param port where it goes
	 * @param bytes what is written before the write side is shut down
	 * @param violation whether only the starter's guard can catch it
	 */
	record Attack(String name, int port, byte[] bytes, boolean violation) {
	}

	record AttackResult(int unfinished, int notDropped, List<String> firstNotDropped) {
	}

	private static List<Attack> attacks(int repPort, String repPeer, int pullPort, String pullPeer) {
		Random random = new Random(1005);
		List<Attack> attacks = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			for (int target = 0; target < 2; target++) {
				int port = (target == 0) ? repPort : pullPort;
				String peerType = (target == 0) ? repPeer : pullPeer;
				addRound(attacks, port, peerType, random, round);
			}
		}
		Collections.shuffle(attacks, random);
		return attacks;
	}

	private static void addRound(List<Attack> attacks, int port, String peerType, Random random, int round) {
		byte[] ready = ready(peerType);
		for (long size : NEGATIVE_SIZES) {
			boolean violation = (int) size < 0 || (int) size > 1024 * 1024;
			attacks.add(new Attack("v3 frame " + Long.toHexString(size), port,
					concat(v3Greeting(), ready, largeFrame(0x00, size), garbage(random, 64)), violation));
			attacks.add(new Attack("v3 frame with MORE " + Long.toHexString(size), port,
					concat(v3Greeting(), ready, largeFrame(0x01, size)), violation));
			attacks.add(new Attack("v3 handshake command " + Long.toHexString(size), port,
					concat(v3Greeting(), largeFrame(0x04, size)), violation));
			attacks.add(new Attack("v2 frame " + Long.toHexString(size), port,
					concat(v2Greeting(peerType), largeFrame(0x00, size)), violation));
			attacks.add(new Attack("v1 frame " + Long.toHexString(size), port,
					concat(new byte[] { 0x01, 0x00 }, v1LargeFrame(size)), false));
			attacks.add(new Attack("v1 identity " + Long.toHexString(size), port, v1LargeFrame(size), false));
		}
		attacks.add(new Attack("v3 frame 1 TiB", port, concat(v3Greeting(), ready, largeFrame(0x00, ONE_TIB)),
				false));
		attacks.add(new Attack("v2 frame 1 TiB", port, concat(v2Greeting(peerType), largeFrame(0x00, ONE_TIB)),
				false));
		if (round < 2) {
			// without a max message size, each of these costs a 2 GiB allocation
			attacks.add(new Attack("v3 frame 2^31-1", port,
					concat(v3Greeting(), ready, largeFrame(0x00, Integer.MAX_VALUE)), false));
			attacks.add(new Attack("v3 frame 2^31-2", port,
					concat(v3Greeting(), ready, largeFrame(0x00, Integer.MAX_VALUE - 1)), false));
		}
		attacks.add(new Attack("v3 oversized handshake command", port,
				concat(v3Greeting(), largeFrame(0x04, 16L * 1024 * 1024)), false));
		attacks.add(new Attack("v3 oversized command", port,
				concat(v3Greeting(), ready, largeFrame(0x04, 64L * 1024 * 1024)), false));
		attacks.add(new Attack("v3 garbage handshake command", port,
				concat(v3Greeting(), largeFrame(0x04, 64 * 1024), garbage(random, 64 * 1024)), false));
		for (int length : new int[] { 1, 5, 10, 11, 12, 40, 63 }) {
			attacks.add(new Attack("truncated greeting " + length, port,
					java.util.Arrays.copyOf(v3Greeting(), length), false));
		}
		for (int i = 0; i < 6; i++) {
			attacks.add(new Attack("random bytes", port, garbage(random, 1 + random.nextInt(512)), false));
		}
	}

	private static AttackResult run(List<Attack> attacks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(ATTACKERS);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger notDropped = new AtomicInteger();
		List<String> firstNotDropped = Collections.synchronizedList(new ArrayList<>());
		long deadline = System.nanoTime() + ATTACK_DEADLINE.toNanos();
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < ATTACKERS; i++) {
				workers.add(executor.submit(() -> {
					int index;
					while ((index = next.getAndIncrement()) < attacks.size() && System.nanoTime() < deadline) {
						Attack attack = attacks.get(index);
						if (!send(attack)) {
							notDropped.incrementAndGet();
							if (firstNotDropped.size() < 5) {
								firstNotDropped.add(attack.name());
							}
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(ATTACK_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		return new AttackResult(Math.max(0, attacks.size() - next.get()), notDropped.get(), firstNotDropped);
	}

	/**
	 * Write the bytes, shut the write side down and read until the app closes the connection.
	 * @return whether the app closed it (rather than leaving it hanging)
	 */
	private static boolean send(Attack attack) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoLinger(true, 0);
			socket.connect(new InetSocketAddress("127.0.0.1", attack.port()), 2000);
			socket.setSoTimeout(2000);
			try {
				socket.getOutputStream().write(attack.bytes());
				socket.shutdownOutput();
			}
			catch (IOException ex) {
				// the app dropped us before we finished writing
				return true;
			}
			InputStream in = socket.getInputStream();
			byte[] sink = new byte[4096];
			try {
				while (in.read(sink) != -1) {
					// discard the app's greeting
				}
				return true;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (IOException ex) {
				return true;
			}
		}
	}

	// ---- ZMTP ----------------------------------------------------------------------------

	private static byte[] v3Greeting() {
		ByteBuffer greeting = ByteBuffer.allocate(64);
		greeting.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) 3).put((byte) 0);
		byte[] mechanism = new byte[20];
		System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, mechanism, 0, 4);
		greeting.put(mechanism).put((byte) 0);
		return greeting.array();
	}

	private static byte[] v2Greeting(String peerType) {
		int type = switch (peerType) {
			case "REQ" -> 3;
			case "PUSH" -> 8;
			default -> throw new IllegalArgumentException(peerType);
		};
		return new byte[] { (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 1, (byte) type };
	}

	private static byte[] ready(String socketType) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(5);
		body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
		body.write(11);
		body.writeBytes("Socket-Type".getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(ByteBuffer.allocate(4).putInt(socketType.length()).array());
		body.writeBytes(socketType.getBytes(StandardCharsets.US_ASCII));
		return concat(new byte[] { 0x04, (byte) body.size() }, body.toByteArray());
	}

	/** A ZMTP 2.0/3.x frame header with an 8-byte size and the given MORE/COMMAND flags. */
	private static byte[] largeFrame(int flags, long size) {
		return ByteBuffer.allocate(9).put((byte) (flags | 0x02)).putLong(size).array();
	}

	/** A ZMTP 1.0 frame header: 0xFF, an 8-byte length (flags included), the flags. */
	private static byte[] v1LargeFrame(long size) {
		return ByteBuffer.allocate(10).put((byte) 0xFF).putLong(size).put((byte) 0).array();
	}

	private static byte[] garbage(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	// ---- measuring -----------------------------------------------------------------------

	private static int port(String endpoint) {
		return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
	}

	private static List<Thread> newZmqThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.filter((thread) -> thread.getName().startsWith("iothread-") || thread.getName().startsWith("reaper-"))
			.collect(Collectors.toList());
	}

	private static long cpuMillisInOneSecond(List<Thread> threads) {
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		long before = threads.stream().mapToLong((thread) -> mx.getThreadCpuTime(thread.getId())).sum();
		long start = System.nanoTime();
		await().pollDelay(Duration.ofSeconds(1)).until(() -> System.nanoTime() - start >= 1_000_000_000L);
		long after = threads.stream().mapToLong((thread) -> mx.getThreadCpuTime(thread.getId())).sum();
		return (after - before) / 1_000_000;
	}

	private static double counted(MeterRegistry meters, String name) {
		return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long directMemoryUsed() {
		return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final Set<String> pulledTexts = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@ZmqListener(type = "REP", endpoints = "@${rpc}")
		String reply(String request) {
			return "pong:" + request;
		}

		@ZmqListener(type = "PULL", endpoints = "@${pipe}")
		void receive(byte[] message) {
			this.pulledTexts.add(new String(message, StandardCharsets.UTF_8));
		}

	}

}

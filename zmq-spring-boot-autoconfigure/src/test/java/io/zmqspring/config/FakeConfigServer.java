package io.zmqspring.config;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.zmqspring.core.ZmqFrames;

/**
 * A configuration server written with raw JeroMQ on the protocol's frames, so that a test
 * decides exactly what a client gets: a ROUTER that answers snapshot requests with the state
 * set here, and an XPUB (which reports subscriptions) that sends the frames a test hands it and
 * a heartbeat every 100 ms while heartbeats are on. One thread owns both sockets.
 */
final class FakeConfigServer implements AutoCloseable {

	private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final ZContext context = new ZContext(1);

	private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();

	private final AtomicInteger snapshotRequests = new AtomicInteger();

	private final AtomicInteger subscriptions = new AtomicInteger();

	private final Thread thread;

	private volatile ZmqConfigSnapshot state;

	private volatile boolean heartbeats = true;

	private volatile List<byte[]> snapshotOverride;

	private volatile boolean running = true;

	FakeConfigServer(ConfigCentreApps.Endpoints endpoints, ZmqConfigSnapshot state) {
		this.state = state;
		ZMQ.Socket router = socket(SocketType.ROUTER);
		ZMQ.Socket xpub = socket(SocketType.XPUB);
		router.bind(endpoints.snapshot());
		xpub.bind(endpoints.updates());
		this.thread = new Thread(() -> serve(router, xpub), "fake-config-server");
		this.thread.start();
	}

	private ZMQ.Socket socket(SocketType type) {
		ZMQ.Socket socket = this.context.createSocket(type);
		socket.setHandshakeIvl(1000);
		socket.setReconnectIVL(50);
		socket.setLinger(0);
		return socket;
	}

	/** Set the state that snapshot requests and heartbeats report. */
	void setState(ZmqConfigSnapshot state) {
		this.state = state;
	}

	/** Answer snapshot requests with these frames instead of the state, {@code null} to stop. */
	void answerSnapshotsWith(List<byte[]> frames) {
		this.snapshotOverride = frames;
	}

	void setHeartbeats(boolean heartbeats) {
		this.heartbeats = heartbeats;
	}

	/** Publish frames as they are. */
	void publish(List<byte[]> frames) {
		this.outgoing.add(new Outgoing(frames, null));
	}

	/**
	 * Publish an update and then take the state that includes it, in that order on the wire: no
	 * heartbeat can count the update before it is sent.
	 */
	void publish(ZmqConfigUpdate update, ZmqConfigSnapshot stateAfter) {
		this.outgoing.add(new Outgoing(ZmqConfigProtocol.update(update), stateAfter));
	}

	int getSnapshotRequests() {
		return this.snapshotRequests.get();
	}

	int getSubscriptions() {
		return this.subscriptions.get();
	}

	static ZmqConfigSnapshot state(long epoch, long sequence, Map<String, String> properties) {
		return new ZmqConfigSnapshot(epoch, sequence, properties);
	}

	private void serve(ZMQ.Socket router, ZMQ.Socket xpub) {
		ZMQ.Poller poller = this.context.createPoller(2);
		poller.register(router, ZMQ.Poller.POLLIN);
		poller.register(xpub, ZMQ.Poller.POLLIN);
		long nextHeartbeat = System.nanoTime();
		while (this.running) {
			poller.poll(10);
			List<byte[]> request;
			while ((request = ZmqFrames.receive(router)) != null) {
				answer(router, request);
			}
			List<byte[]> subscription;
			while ((subscription = ZmqFrames.receive(xpub)) != null) {
				if (subscription.get(0).length > 0 && subscription.get(0)[0] == 1) {
					this.subscriptions.incrementAndGet();
				}
			}
			Outgoing next;
			while ((next = this.outgoing.poll()) != null) {
				ZmqFrames.send(xpub, next.frames());
				if (next.stateAfter() != null) {
					this.state = next.stateAfter();
				}
			}
			if (this.heartbeats && System.nanoTime() - nextHeartbeat >= 0) {
				ZmqConfigSnapshot now = this.state;
				ZmqFrames.send(xpub, ZmqConfigProtocol.heartbeat(new ZmqConfigHeartbeat(now.epoch(), now.sequence())));
				nextHeartbeat = System.nanoTime() + HEARTBEAT_NANOS;
			}
		}
		poller.close();
		router.close();
		xpub.close();
	}

	private void answer(ZMQ.Socket router, List<byte[]> request) {
		// [routing id, correlation, empty, "ZCFG1-SNAP"]: echo everything up to the delimiter
		int delimiter = 1;
		while (delimiter < request.size() && request.get(delimiter).length > 0) {
			delimiter++;
		}
		List<byte[]> reply = new java.util.ArrayList<>(request.subList(0, Math.min(delimiter + 1, request.size())));
		List<byte[]> override = this.snapshotOverride;
		reply.addAll((override != null) ? override : ZmqConfigProtocol.snapshot(this.state));
		this.snapshotRequests.incrementAndGet();
		ZmqFrames.send(router, reply);
	}

	private record Outgoing(List<byte[]> frames, ZmqConfigSnapshot stateAfter) {
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
		this.context.close();
	}

}

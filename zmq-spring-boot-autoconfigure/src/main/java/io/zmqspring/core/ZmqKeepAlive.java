package io.zmqspring.core;

/**
 * Keeps the JVM alive while any listener container or proxy runs, as Spring for Apache Kafka's
 * consumer threads do: a service whose only work is {@code @ZmqListener} methods, or a broker
 * that is nothing but {@code zmq.proxies}, must not exit once started. Socket owners, workers
 * and proxy threads are daemon threads, so that a hung one can never hold a shutdown; this one
 * non-daemon thread exists exactly while at least one of them runs, and ends when the last one
 * stops (on SIGTERM, when the application context closes).
 *
 * @author zmq-spring-boot
 */
public final class ZmqKeepAlive {

	private static final Object monitor = new Object();

	private static int running;

	private static Thread thread;

	private ZmqKeepAlive() {
	}

	/** A container or proxy started; pair with {@link #release()}. */
	public static void acquire() {
		synchronized (monitor) {
			if (running++ == 0) {
				Thread keepAlive = new Thread(ZmqKeepAlive::await, "zmq-keep-alive");
				keepAlive.setDaemon(false);
				thread = keepAlive;
				keepAlive.start();
			}
		}
	}

	/** A container or proxy stopped. */
	public static void release() {
		synchronized (monitor) {
			if (running > 0 && --running == 0) {
				thread = null;
				monitor.notifyAll();
			}
		}
	}

	/**
	 * Return how many containers and proxies hold the JVM alive now.
	 * @return the count
	 */
	public static int holders() {
		synchronized (monitor) {
			return running;
		}
	}

	private static void await() {
		Thread self = Thread.currentThread();
		synchronized (monitor) {
			while (thread == self) {
				try {
					monitor.wait();
				}
				catch (InterruptedException ex) {
					// Only the last container's stop ends this thread
				}
			}
		}
	}

}

package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZContext;

import org.springframework.beans.factory.DisposableBean;

/**
 * Closes the ZeroMQ context when the application context closes, waiting at most the shutdown
 * timeout. By then the template and the listeners have closed their sockets with a linger capped
 * to the same timeout, so the context terminates in time even with dead peers and unsent
 * messages; if something still holds it open, shutdown goes on and says so.
 *
 * @author zmq-spring-boot
 */
public class ZmqContextCloser implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ZmqContextCloser.class);

	private final ZContext context;

	private final Duration timeout;

	public ZmqContextCloser(ZContext context, Duration timeout) {
		this.context = context;
		this.timeout = timeout;
	}

	@Override
	public void destroy() throws InterruptedException {
		if (this.context.isClosed()) {
			return;
		}
		CountDownLatch closed = new CountDownLatch(1);
		Thread closer = new Thread(() -> {
			try {
				this.context.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Closing the ZeroMQ context failed: " + ex);
			}
			finally {
				closed.countDown();
			}
		}, "zmq-context-close");
		closer.setDaemon(true);
		closer.start();
		if (!closed.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			logger.warn("The ZeroMQ context did not close within " + this.timeout.toMillis()
					+ " ms (zmq.context.shutdown-timeout): a socket is still open; shutdown continues");
		}
	}

}

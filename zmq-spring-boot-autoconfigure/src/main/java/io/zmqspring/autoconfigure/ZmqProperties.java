package io.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for ZeroMQ, under {@code zmq}.
 *
 * @author zmq-spring-boot
 */
@ConfigurationProperties("zmq")
public class ZmqProperties {

	/**
	 * The ZeroMQ context.
	 */
	private final Context context = new Context();

	/**
	 * Options every socket starts from; any of them can be set again per socket.
	 */
	@NestedConfigurationProperty
	private final ZmqSocketDefaultsProperties defaults = new ZmqSocketDefaultsProperties();

	/**
	 * Named sockets, used by the template and by listeners through their name.
	 */
	private final Map<String, ZmqSocketProperties> sockets = new LinkedHashMap<>();

	/**
	 * Proxies that forward between two sockets on one thread, by name.
	 */
	private final Map<String, ZmqProxyProperties> proxies = new LinkedHashMap<>();

	/**
	 * The template.
	 */
	private final Template template = new Template();

	/**
	 * Listener containers.
	 */
	private final Listener listener = new Listener();

	public Context getContext() {
		return this.context;
	}

	public ZmqSocketDefaultsProperties getDefaults() {
		return this.defaults;
	}

	public Map<String, ZmqSocketProperties> getSockets() {
		return this.sockets;
	}

	public Map<String, ZmqProxyProperties> getProxies() {
		return this.proxies;
	}

	public Template getTemplate() {
		return this.template;
	}

	public Listener getListener() {
		return this.listener;
	}

	/**
	 * Context properties.
	 */
	public static class Context {

		/**
		 * Number of I/O threads of the ZeroMQ context.
		 */
		private int ioThreads = 1;

		/**
		 * Longest time closing the context may take on shutdown, even with dead peers and unsent
		 * messages; socket lingers are capped to it.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

		public int getIoThreads() {
			return this.ioThreads;
		}

		public void setIoThreads(int ioThreads) {
			this.ioThreads = ioThreads;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * Template properties.
	 */
	public static class Template {

		/**
		 * Socket used by the template methods that take no socket name.
		 */
		private @Nullable String defaultSocket;

		/**
		 * How long request-reply operations wait for a reply when no timeout is given.
		 */
		private Duration replyTimeout = Duration.ofSeconds(5);

		/**
		 * How many messages each template socket queues before callers wait (up to the socket's
		 * send-timeout).
		 */
		private int sendQueueCapacity = 1024;

		/**
		 * Whether to observe every send and request-reply with the application's
		 * ObservationRegistry (observation zmq.template), for metrics and tracing. Off by default:
		 * with it off, a send does no observation work.
		 */
		private boolean observationEnabled;

		public @Nullable String getDefaultSocket() {
			return this.defaultSocket;
		}

		public void setDefaultSocket(@Nullable String defaultSocket) {
			this.defaultSocket = defaultSocket;
		}

		public Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		public int getSendQueueCapacity() {
			return this.sendQueueCapacity;
		}

		public void setSendQueueCapacity(int sendQueueCapacity) {
			this.sendQueueCapacity = sendQueueCapacity;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

	/**
	 * Listener container properties.
	 */
	public static class Listener {

		/**
		 * How long stopping a listener waits for the messages in hand to finish.
		 */
		private Duration stopTimeout = Duration.ofSeconds(10);

		/**
		 * Whether to time every message a listener processes (zmq.listener.duration). Off by
		 * default: at very high message rates, timing costs a few percent of throughput.
		 */
		private boolean timerEnabled;

		/**
		 * Whether to observe every listener invocation with the application's
		 * ObservationRegistry (observation zmq.listener), for metrics and tracing. Off by default:
		 * with it off, no per-message work is added.
		 */
		private boolean observationEnabled;

		/**
		 * How long a result a listener returns as a CompletableFuture or Mono may take; then REP
		 * and ROUTER listeners send the error reply and the timeout is counted. A listener can set
		 * its own with asyncReplyTimeout.
		 */
		private Duration asyncReplyTimeout = Duration.ofSeconds(30);

		public Duration getAsyncReplyTimeout() {
			return this.asyncReplyTimeout;
		}

		public void setAsyncReplyTimeout(Duration asyncReplyTimeout) {
			this.asyncReplyTimeout = asyncReplyTimeout;
		}

		public Duration getStopTimeout() {
			return this.stopTimeout;
		}

		public void setStopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
		}

		public boolean isTimerEnabled() {
			return this.timerEnabled;
		}

		public void setTimerEnabled(boolean timerEnabled) {
			this.timerEnabled = timerEnabled;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

}

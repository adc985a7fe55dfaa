package io.zmqspring.config;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * Published when properties of the configuration centre changed in the {@code Environment}: keys
 * set, changed or removed by updates or by a snapshot. By the time it is published the
 * {@code Environment} has the new values and the {@code @ConfigurationProperties} beans whose
 * prefix covers a changed key are rebound. Changes that arrive together come as one event. It is
 * published on the client's own thread, {@code zmq-config-client}; a listener that takes long
 * delays the next changes, never a socket.
 *
 * @author zmq-spring-boot
 */
public class ZmqConfigChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final Set<String> keys;

	private final long epoch;

	private final long sequence;

	/**
	 * Create an event.
	 * @param source the client
	 * @param keys the keys whose values changed, were added or were removed
	 * @param epoch the epoch of the server the values came from
	 * @param sequence the number of the server's last update the values include
	 */
	public ZmqConfigChangedEvent(Object source, Set<String> keys, long epoch, long sequence) {
		super(source);
		Assert.notEmpty(keys, "'keys' must not be empty");
		this.keys = Collections.unmodifiableSet(new TreeSet<>(keys));
		this.epoch = epoch;
		this.sequence = sequence;
	}

	/**
	 * Return the keys whose values changed, were added or were removed.
	 * @return the keys, sorted
	 */
	public Set<String> getKeys() {
		return this.keys;
	}

	/**
	 * Return the epoch of the server the values came from.
	 * @return the epoch
	 */
	public long getEpoch() {
		return this.epoch;
	}

	/**
	 * Return the number of the server's last update the values include.
	 * @return the sequence number
	 */
	public long getSequence() {
		return this.sequence;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[keys=" + this.keys + ", sequence=" + this.sequence + "]";
	}

}

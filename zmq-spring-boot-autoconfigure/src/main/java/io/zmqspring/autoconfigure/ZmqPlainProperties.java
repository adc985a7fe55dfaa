package io.zmqspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * PLAIN settings of a socket.
 *
 * @author zmq-spring-boot
 */
public class ZmqPlainProperties {

	/**
	 * User name a client sends.
	 */
	private @Nullable String username;

	/**
	 * Password a client sends. Never logged.
	 */
	private @Nullable String password;

	/**
	 * User names and passwords a server accepts.
	 */
	private Map<String, String> users = new LinkedHashMap<>();

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Map<String, String> getUsers() {
		return this.users;
	}

	public void setUsers(Map<String, String> users) {
		this.users = users;
	}

}

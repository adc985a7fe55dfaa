package io.zmqspring.sample.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a client takes from the configuration server.
 */
@ConfigurationProperties("greeting")
public class GreetingProperties {

	/**
	 * The greeting; the server's value wins over this default.
	 */
	private String text = "none";

	public String getText() {
		return this.text;
	}

	public void setText(String text) {
		this.text = text;
	}

}

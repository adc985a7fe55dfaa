package io.zmqspring.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.MimeType;

import io.zmqspring.converter.CompositeZmqMessageConverter;
import io.zmqspring.converter.ZmqContentTypes;
import io.zmqspring.core.ZmqConfigurationException;
import io.zmqspring.core.ZmqSocketDefinition;
import io.zmqspring.listener.ZmqBatchSettings;

/**
 * Reads the content type and batch attributes of a {@link ZmqListener}, once resolved, failing
 * with an error that names the listener and the attribute.
 *
 * @author zmq-spring-boot
 */
final class ListenerAttributes {

	static final int DEFAULT_BATCH_SIZE = 100;

	static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofMillis(100);

	private ListenerAttributes() {
	}

	/** The listener's own content type, else its socket's, else {@code null} (JSON). */
	static @Nullable MimeType contentType(String description, String value, ZmqSocketDefinition socket,
			ZmqContentTypes contentTypes, CompositeZmqMessageConverter converter) {
		if (value.isEmpty()) {
			return contentTypes.forSocket(socket.name());
		}
		return ZmqContentTypes.parse(description + " contentType", value, converter);
	}

	/** The batch settings of a batch listener, checked against its method and socket. */
	static ZmqBatchSettings batch(String description, Method method, ZmqSocketDefinition socket, String size,
			String timeout) {
		if (!socket.type().supportsBatchListener()) {
			throw new ZmqConfigurationException(description + " batch", socket.type(),
					"a batch listener cannot run on this socket type, which must reply to every request; "
							+ "use SUB, XSUB, PULL, PAIR or DEALER");
		}
		if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != List.class) {
			throw new ZmqConfigurationException(description + " batch", method.toGenericString(),
					"a batch listener method takes exactly one List<T> or List<Message<T>> parameter");
		}
		if (method.getReturnType() != void.class) {
			throw new ZmqConfigurationException(description + " batch", method.toGenericString(),
					"a batch listener sends no replies, so its method must return void");
		}
		return new ZmqBatchSettings(batchSize(description, size), batchTimeout(description, timeout));
	}

	private static int batchSize(String description, String value) {
		if (value.isEmpty()) {
			return DEFAULT_BATCH_SIZE;
		}
		try {
			int size = Integer.parseInt(value.trim());
			if (size >= 1) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new ZmqConfigurationException(description + " batchSize", value, "must be a whole number of at least 1");
	}

	private static Duration batchTimeout(String description, String value) {
		if (value.isEmpty()) {
			return DEFAULT_BATCH_TIMEOUT;
		}
		try {
			Duration timeout = DurationStyle.detectAndParse(value.trim());
			if (!timeout.isNegative() && !timeout.isZero()) {
				return timeout;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new ZmqConfigurationException(description + " batchTimeout", value,
				"must be a positive duration, for example 50ms or 1s");
	}

}

package io.zmqspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the handler of messages arriving on a ZeroMQ socket.
 * <p>
 * Name a socket configured under {@code zmq.sockets} with {@link #socket()}, or declare one
 * inline with {@link #type()} and {@link #endpoints()}. String attributes accept
 * {@code ${...}} placeholders and {@code #{...}} expressions.
 * <p>
 * Parameters: the payload (the last frame) converted to the parameter's type ({@code byte[]},
 * {@code String}, or JSON into a record or POJO), {@code @Header(ZmqHeaders.TOPIC)},
 * {@code @Header(ZmqHeaders.ROUTING_ID)}, {@code Message<?>}, and all frames as
 * {@code List<byte[]>} or {@code ZMsg}. On REP and ROUTER sockets the return value is the
 * reply; if the method throws, the requester gets an error reply.
 * <p>
 * The return value may be a {@code CompletableFuture} (any {@code CompletionStage}) or, with
 * Reactor on the classpath, a {@code Mono}: it is replied or forwarded once it completes, without
 * holding a handler thread meanwhile, and a failed or timed-out one answers with the error reply
 * ({@link #asyncReplyTimeout()}).
 * <p>
 * With Spring Messaging's {@code @SendTo("socket")} on the method, the return value is sent to
 * that socket (a PUB, XPUB, PUSH, DEALER or PAIR socket configured under {@code zmq.sockets})
 * instead of back to the peer: a pipeline stage receives on PULL and forwards on PUSH in one
 * method. A {@code Message<?>} return value with a {@code ZmqHeaders.TOPIC} header is published
 * under that topic. {@code null} sends nothing. REP listeners cannot forward: their clients wait
 * for the reply.
 *
 * @author zmq-spring-boot
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ZmqListeners.class)
public @interface ZmqListener {

	/**
	 * The listener id, used to start and stop the container through
	 * {@link io.zmqspring.listener.ZmqListenerEndpointRegistry}; generated if empty.
	 * @return the id
	 */
	String id() default "";

	/**
	 * The name of a socket configured under {@code zmq.sockets}.
	 * @return the socket name
	 */
	String socket() default "";

	/**
	 * The type of an inline socket: SUB, PULL, REP, ROUTER, DEALER, PAIR or XSUB.
	 * @return the socket type
	 */
	String type() default "";

	/**
	 * The endpoints of an inline socket; {@code @} binds, {@code >} connects, no prefix takes the
	 * type's usual side.
	 * @return the endpoints
	 */
	String[] endpoints() default {};

	/**
	 * Whether the unprefixed endpoints of an inline socket bind ({@code "true"}) or connect
	 * ({@code "false"}); empty takes the type's usual side.
	 * @return the bind flag
	 */
	String bind() default "";

	/**
	 * Topics for a SUB listener; they replace the configured socket's topics. Empty subscribes to
	 * the socket's topics, or to everything.
	 * @return the topics
	 */
	String[] topics() default {};

	/**
	 * How many threads handle messages, for example {@code "${workers:4}"}; default one.
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * Whether the container starts with the application ({@code "true"} or {@code "false"});
	 * default {@code true}.
	 * @return the auto-startup flag
	 */
	String autoStartup() default "";

	/**
	 * The bean name of a {@link io.zmqspring.listener.ZmqListenerErrorHandler} for this listener.
	 * @return the bean name
	 */
	String errorHandler() default "";

	/**
	 * The content type objects are read in when a message announces none in its header frame,
	 * for example {@code "application/msgpack"}; default the socket's
	 * ({@code zmq.sockets.<name>.content-type}), else JSON. Replies are written in the content
	 * type of the request.
	 * @return the content type
	 */
	String contentType() default "";

	/**
	 * Whether the method takes batches ({@code "true"}): one {@code List<T>} or
	 * {@code List<Message<T>>} parameter, no return value, on a SUB, XSUB, PULL, PAIR or DEALER
	 * socket. A batch is handed over when it has {@link #batchSize()} messages or
	 * {@link #batchTimeout()} after its first one, whichever comes first, and when the listener
	 * stops. A batch that fails goes to the error handler as one failure.
	 * @return the batch flag
	 */
	String batch() default "";

	/**
	 * The most messages in a batch, for example {@code "${batch.size:100}"}; default 100.
	 * @return the batch size
	 */
	String batchSize() default "";

	/**
	 * The longest a batch waits for more messages once it has one, for example {@code "50ms"};
	 * default 100ms.
	 * @return the batch timeout
	 */
	String batchTimeout() default "";

	/**
	 * How long a result returned as a {@code CompletableFuture} or {@code Mono} may take, for
	 * example {@code "10s"} or {@code "${pricing.timeout:2s}"}; then REP and ROUTER listeners
	 * send the error reply and the timeout is counted. Empty takes
	 * {@code zmq.listener.async-reply-timeout}.
	 * @return the timeout
	 */
	String asyncReplyTimeout() default "";

}

package io.zmqspring.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * Sending and request-reply over named sockets. Implemented by {@link ZmqTemplate}.
 * <p>
 * Every method may be called from any number of threads at once: the sockets are owned by the
 * template's own threads, so callers never touch a JeroMQ socket and interrupting a caller never
 * harms one.
 * <p>
 * <b>Send policy.</b> A send returns once the message is queued for the socket. When the socket
 * cannot take more (its peers are slow or gone and the high-water mark is reached, or no peer is
 * there yet) the queue fills; a caller then waits up to the socket's {@code send-timeout} and
 * gets a {@link io.zmqspring.core.ZmqSendException} if there is still no room. PUB and XPUB
 * sockets never block: ZeroMQ drops what a slow subscriber cannot take.
 *
 * @author zmq-spring-boot
 */
public interface ZmqOperations {

	/**
	 * Send bytes as a single frame on the default socket.
	 * @param payload the frame
	 */
	void send(byte[] payload);

	/**
	 * Send bytes as a single frame.
	 * @param socket the socket name
	 * @param payload the frame
	 */
	void send(String socket, byte[] payload);

	/**
	 * Send bytes on a PUB or XPUB socket, with the topic as a plain first frame so that any
	 * ZeroMQ subscriber filters on it.
	 * @param socket the socket name
	 * @param topic the topic
	 * @param payload the payload frame
	 */
	void send(String socket, String topic, byte[] payload);

	/**
	 * Send a multipart message. On a ROUTER socket the first frame is the peer's routing id.
	 * @param socket the socket name
	 * @param frames the frames, at least one
	 */
	void sendFrames(String socket, List<byte[]> frames);

	/**
	 * Send a payload with headers. When the socket has the header frame enabled
	 * ({@code zmq.sockets.<name>.headers.enabled}), the headers its allow-list lets out travel in
	 * the header frame before the payload; otherwise they are not sent.
	 * @param socket the socket name
	 * @param topic the topic of a PUB or XPUB message, or {@code null} for none
	 * @param headers the headers
	 * @param payload the payload frame
	 */
	void send(String socket, @Nullable String topic, Map<String, String> headers, byte[] payload);

	/**
	 * Send many single-frame messages in one hand-off to the socket's owner thread, which sends
	 * them in order: one queue operation instead of one per message. The batch takes one place
	 * in the socket's send queue; like {@link #send(String, byte[])} it waits up to the socket's
	 * send timeout for that place.
	 * @param socket the socket name
	 * @param payloads the frames, one message each
	 */
	void sendBatch(String socket, List<byte[]> payloads);

	/**
	 * Convert objects with the message converter, by the socket's content type, and send them
	 * as in {@link #sendBatch(String, List)}.
	 * @param socket the socket name
	 * @param payloads the objects, one message each
	 */
	void convertAndSendBatch(String socket, List<?> payloads);

	/**
	 * Send a Spring message: its payload converted with the message converter ({@code byte[]} as
	 * is), its {@link io.zmqspring.listener.ZmqHeaders#TOPIC} header as the topic on a PUB or XPUB
	 * socket, its {@link io.zmqspring.listener.ZmqHeaders#ROUTING_ID} header as the peer on a
	 * ROUTER socket, and its other headers as in {@link #send(String, String, Map, byte[])}.
	 * @param socket the socket name
	 * @param message the message
	 */
	void send(String socket, Message<?> message);

	/**
	 * Convert an object with the message converter and send it on the default socket.
	 * @param payload the object
	 */
	void convertAndSend(Object payload);

	/**
	 * Convert an object with the message converter and send it.
	 * @param socket the socket name
	 * @param payload the object
	 */
	void convertAndSend(String socket, Object payload);

	/**
	 * Convert an object and publish it under a topic (a plain first frame).
	 * @param socket the socket name
	 * @param topic the topic
	 * @param payload the object
	 */
	void convertAndSend(String socket, String topic, Object payload);

	/**
	 * Send a request and wait for its reply, up to the default reply timeout.
	 * @param socket the name of a REQ or DEALER socket
	 * @param request the request frame
	 * @return the last frame of the reply
	 * @throws io.zmqspring.core.ZmqReplyTimeoutException if no reply arrives in time
	 * @throws io.zmqspring.core.ZmqRemoteException if the server sent an error reply
	 */
	byte[] sendAndReceive(String socket, byte[] request);

	/**
	 * Send a request and wait for its reply.
	 * @param socket the name of a REQ or DEALER socket
	 * @param request the request frame
	 * @param timeout how long to wait for the reply
	 * @return the last frame of the reply
	 */
	byte[] sendAndReceive(String socket, byte[] request, Duration timeout);

	/**
	 * Convert a request, send it, wait for the reply and convert it.
	 * @param <T> the reply type
	 * @param socket the name of a REQ or DEALER socket
	 * @param request the request object
	 * @param replyType the reply type
	 * @return the reply
	 */
	<T> @Nullable T convertSendAndReceive(String socket, Object request, Class<T> replyType);

	/**
	 * Send a request without waiting; many may be in flight at once over one connection.
	 * The future completes on the socket's thread: use the {@code ...Async} methods of
	 * {@link CompletableFuture} for blocking follow-up work.
	 * @param socket the name of a REQ or DEALER socket
	 * @param frames the request frames
	 * @param timeout how long to wait for the reply
	 * @return the reply frames after the envelope
	 */
	CompletableFuture<List<byte[]>> sendAndReceiveAsync(String socket, List<byte[]> frames, Duration timeout);

	/**
	 * Send a request without waiting, with the default reply timeout.
	 * @param socket the name of a REQ or DEALER socket
	 * @param request the request frame
	 * @return the last frame of the reply
	 */
	CompletableFuture<byte[]> sendAndReceiveAsync(String socket, byte[] request);

	/**
	 * Convert a request and send it without waiting, with the default reply timeout.
	 * @param <T> the reply type
	 * @param socket the name of a REQ or DEALER socket
	 * @param request the request object
	 * @param replyType the reply type
	 * @return the converted reply
	 */
	<T> CompletableFuture<@Nullable T> convertSendAndReceiveAsync(String socket, Object request, Class<T> replyType);

	/**
	 * Send a Spring message as a request without waiting: its payload converted with the message
	 * converter and its headers in the header frame, as in {@link #send(String, Message)}. The
	 * reply's payload is its last frame; its headers are the socket's name
	 * ({@link io.zmqspring.listener.ZmqHeaders#SOCKET}), all reply frames
	 * ({@link io.zmqspring.listener.ZmqHeaders#FRAMES}) and the allowed headers of the reply's
	 * header frame, if it has one.
	 * @param socket the name of a REQ or DEALER socket
	 * @param request the request
	 * @param timeout how long to wait for the reply
	 * @return the reply
	 */
	CompletableFuture<Message<byte[]>> sendAndReceiveAsync(String socket, Message<?> request, Duration timeout);

	/**
	 * Wait until a publishing socket has received at least {@code count} subscriptions, so that
	 * what it sends next reaches those subscribers. Each subscriber counts once per topic it
	 * subscribes to (a SUB subscribed to everything or to one topic counts once). The socket must
	 * count its subscriptions: set {@code zmq.sockets.<name>.wait-for-subscribers} on it.
	 * @param socket a PUB or XPUB socket with {@code wait-for-subscribers}
	 * @param count the subscriptions to wait for
	 * @param timeout the longest wait
	 * @return whether they arrived in time
	 * @throws io.zmqspring.core.ZmqException if the socket does not count its subscriptions
	 */
	boolean awaitSubscribers(String socket, int count, Duration timeout);

}

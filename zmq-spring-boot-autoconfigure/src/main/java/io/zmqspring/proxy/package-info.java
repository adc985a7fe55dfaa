/**
 * Proxies that forward messages between two sockets on one thread: the XSUB/XPUB forwarder, the
 * ROUTER/DEALER queue and the PULL/PUSH streamer.
 */
@NullMarked
package io.zmqspring.proxy;

import org.jspecify.annotations.NullMarked;

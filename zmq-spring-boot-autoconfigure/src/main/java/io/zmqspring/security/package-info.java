/**
 * ZeroMQ security: CURVE and PLAIN settings, CURVE keys and certificates, and the ZAP handler
 * that authenticates every peer of a CURVE or PLAIN server socket.
 */
@NullMarked
package io.zmqspring.security;

import org.jspecify.annotations.NullMarked;

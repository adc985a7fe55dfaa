/**
 * Actuator support for ZeroMQ: the {@code zmq} health indicator and the {@code zmq} endpoint.
 */
@NullMarked
package io.zmqspring.actuate;

import org.jspecify.annotations.NullMarked;

/**
 * Application events for socket connections, failures and listener container lifecycles,
 * published off the sockets' threads.
 */
@NullMarked
package io.zmqspring.event;

import org.jspecify.annotations.NullMarked;

/**
 * Socket definitions, endpoints, the socket factory and the threading helpers every other package builds on.
 */
@NullMarked
package io.zmqspring.core;

import org.jspecify.annotations.NullMarked;

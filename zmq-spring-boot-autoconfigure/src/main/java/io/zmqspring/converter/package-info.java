/**
 * Conversion between application objects and ZeroMQ frames.
 */
@NullMarked
package io.zmqspring.converter;

import org.jspecify.annotations.NullMarked;

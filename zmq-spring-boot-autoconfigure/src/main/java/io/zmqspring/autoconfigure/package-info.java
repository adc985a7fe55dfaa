/**
 * Spring Boot auto-configuration for ZeroMQ.
 */
@NullMarked
package io.zmqspring.autoconfigure;

import org.jspecify.annotations.NullMarked;

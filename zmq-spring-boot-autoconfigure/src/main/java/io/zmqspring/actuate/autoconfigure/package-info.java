/**
 * Auto-configuration of the ZeroMQ health indicator and actuator endpoint.
 */
@NullMarked
package io.zmqspring.actuate.autoconfigure;

import org.jspecify.annotations.NullMarked;

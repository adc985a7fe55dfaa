/**
 * The Java DSL for the ZeroMQ channel adapters and gateways: {@link io.zmqspring.integration.dsl.ZmqIntegration}.
 */
@NullMarked
package io.zmqspring.integration.dsl;

import org.jspecify.annotations.NullMarked;

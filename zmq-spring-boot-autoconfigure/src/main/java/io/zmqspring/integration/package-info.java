/**
 * Spring Integration channel adapters and gateways on the starter's sockets: inbound components
 * on listener containers, outbound components on the template.
 */
@NullMarked
package io.zmqspring.integration;

import org.jspecify.annotations.NullMarked;

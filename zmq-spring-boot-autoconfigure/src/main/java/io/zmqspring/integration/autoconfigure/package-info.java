/**
 * Auto-configuration of the Spring Integration support, active when Spring Integration is on the
 * class path.
 */
@NullMarked
package io.zmqspring.integration.autoconfigure;

import org.jspecify.annotations.NullMarked;

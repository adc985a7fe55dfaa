/**
 * Listener endpoints, containers and their registry.
 */
@NullMarked
package io.zmqspring.listener;

import org.jspecify.annotations.NullMarked;

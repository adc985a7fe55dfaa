/**
 * Counters for failures, drops and discarded replies.
 */
@NullMarked
package io.zmqspring.metrics;

import org.jspecify.annotations.NullMarked;

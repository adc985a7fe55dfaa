/**
 * Sample: a task queue whose workers may die (Paranoid Pirate).
 */
@NullMarked
package io.zmqspring.sample.patterns.taskqueue;

import org.jspecify.annotations.NullMarked;

/**
 * The launcher of the pattern samples: one package per sample.
 */
@NullMarked
package io.zmqspring.sample.patterns;

import org.jspecify.annotations.NullMarked;

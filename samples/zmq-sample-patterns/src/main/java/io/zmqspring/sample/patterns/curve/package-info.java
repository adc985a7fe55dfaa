/**
 * Sample: a CURVE-secured service.
 */
@NullMarked
package io.zmqspring.sample.patterns.curve;

import org.jspecify.annotations.NullMarked;

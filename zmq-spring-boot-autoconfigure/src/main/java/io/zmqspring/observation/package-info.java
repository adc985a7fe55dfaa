/**
 * Micrometer observations of template sends, request-reply and listener invocations: the
 * documented observations, their contexts (which carry trace context through the opt-in header
 * frame) and the conventions that name them and their keys.
 */
@NullMarked
package io.zmqspring.observation;

import org.jspecify.annotations.NullMarked;

/**
 * The {@link io.zmqspring.annotation.ZmqListener} annotation and its bean post-processor.
 */
@NullMarked
package io.zmqspring.annotation;

import org.jspecify.annotations.NullMarked;

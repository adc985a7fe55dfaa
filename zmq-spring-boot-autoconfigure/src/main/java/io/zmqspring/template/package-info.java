/**
 * {@link io.zmqspring.template.ZmqTemplate} and the socket-owning threads behind it.
 */
@NullMarked
package io.zmqspring.template;

import org.jspecify.annotations.NullMarked;

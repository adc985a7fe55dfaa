/**
 * Sample: an asynchronous ROUTER server with DEALER clients.
 */
@NullMarked
package io.zmqspring.sample.patterns.asyncsrv;

import org.jspecify.annotations.NullMarked;

/**
 * Sample: request-reply (REQ/REP).
 */
@NullMarked
package io.zmqspring.sample.patterns.reqrep;

import org.jspecify.annotations.NullMarked;

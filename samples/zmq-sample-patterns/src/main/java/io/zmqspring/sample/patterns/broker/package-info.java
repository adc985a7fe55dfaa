/**
 * Sample: an XSUB/XPUB broker from configuration.
 */
@NullMarked
package io.zmqspring.sample.patterns.broker;

import org.jspecify.annotations.NullMarked;

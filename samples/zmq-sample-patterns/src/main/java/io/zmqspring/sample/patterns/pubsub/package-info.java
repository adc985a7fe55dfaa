/**
 * Sample: publish-subscribe with topics, without slow joiners.
 */
@NullMarked
package io.zmqspring.sample.patterns.pubsub;

import org.jspecify.annotations.NullMarked;

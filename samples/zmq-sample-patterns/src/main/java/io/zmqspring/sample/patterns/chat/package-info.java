/**
 * Sample: a chat room with presence through heartbeats.
 */
@NullMarked
package io.zmqspring.sample.patterns.chat;

import org.jspecify.annotations.NullMarked;

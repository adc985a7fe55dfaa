/**
 * The durable outbox: messages the template accepts for a socket are written to a local
 * append-only store before {@code send} returns, delivered when a peer is there, acknowledged by
 * the receiving listener and sent again until they are; and the listener's side, which
 * acknowledges them and hands each to its handler once.
 */
@NullMarked
package io.zmqspring.outbox;

import org.jspecify.annotations.NullMarked;

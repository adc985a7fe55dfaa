/**
 * Payloads far larger than one ZeroMQ message, sent as chunked transfers with credit-based flow
 * control: {@link io.zmqspring.transfer.ZmqTransferTemplate} sends on a DEALER socket, a
 * {@code @ZmqListener} on a ROUTER socket with {@code transfer.enabled} receives each payload
 * spooled to a file ({@link io.zmqspring.transfer.ZmqTransfer}). The wire format is
 * {@link io.zmqspring.transfer.ZmqTransferFrame}.
 */
@NullMarked
package io.zmqspring.transfer;

import org.jspecify.annotations.NullMarked;

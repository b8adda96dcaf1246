/**
 * containerd 2.x's Transfer service: {@code io.containerd.transfer.v1 local} moves an object from a
 * source to a destination ({@link io.jcontainerd.services.transfer.TransferEnd}, a closed set);
 * {@code io.containerd.grpc.v1 transfer} is its thin gRPC adapter, sending
 * {@link io.jcontainerd.services.transfer.ProgressEvent}s to the client's progress stream.
 * The pull itself (registry to image store) is {@link io.jcontainerd.services.transfer.pull}.
 */
package io.jcontainerd.services.transfer;

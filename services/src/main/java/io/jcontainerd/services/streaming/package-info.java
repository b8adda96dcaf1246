/**
 * containerd 2.x's streams: {@code io.containerd.streaming.v1 manager} keeps the named streams,
 * {@code io.containerd.grpc.v1 streaming} lets clients open them.
 */
package io.jcontainerd.services.streaming;

/**
 * A small gRPC transport for a CLI: HTTP/2 over one blocking Unix socket, a reader thread, and
 * calls that follow grpc-java's {@link io.grpc.ClientCall} contract, so the generated stubs run on
 * it unchanged.
 */
package io.jcontainerd.client.h2;
